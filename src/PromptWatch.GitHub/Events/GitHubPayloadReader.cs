using System.Text.Json;

namespace PromptWatch.GitHub.Events;

/// <summary>Reads a webhook body into the typed payload of its event.</summary>
internal static class GitHubPayloadReader
{
    /// <summary>GitHub's names: snake_case; unknown fields are ignored.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        MaxDepth = 64,
    };

    /// <summary>The typed payload, or <see langword="null"/> for an event without a type here (its JSON is still checked).</summary>
    /// <exception cref="JsonException">The body is not JSON, or not a JSON object, or a field has the wrong type.</exception>
    public static object? Read(string eventName, ReadOnlyMemory<byte> body)
    {
        var type = eventName switch
        {
            "push" => typeof(PushEvent),
            "pull_request" => typeof(PullRequestEvent),
            "issues" => typeof(IssuesEvent),
            "check_suite" => typeof(CheckSuiteEvent),
            "check_run" => typeof(CheckRunEvent),
            "workflow_run" => typeof(WorkflowRunEvent),
            "workflow_job" => typeof(WorkflowJobEvent),
            "deployment" => typeof(DeploymentEvent),
            "deployment_status" => typeof(DeploymentStatusEvent),
            "release" => typeof(ReleaseEvent),
            "create" => typeof(CreateEvent),
            "delete" => typeof(DeleteEvent),
            "status" => typeof(StatusEvent),
            "ping" => typeof(PingEvent),
            _ => null,
        };
        if (type is null)
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 256 });
            if (document.RootElement.ValueKind != JsonValueKind.Object) throw new JsonException("The body is not a JSON object.");
            return null;
        }

        if (body.Span.TrimStart(" \t\r\n"u8) is not [(byte)'{', ..]) throw new JsonException("The body is not a JSON object.");
        return JsonSerializer.Deserialize(body.Span, type, Options) ?? throw new JsonException("The body is not a JSON object.");
    }
}
