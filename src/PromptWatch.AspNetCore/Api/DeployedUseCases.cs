using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PromptWatch.Pipelines.Timeline;
using PromptWatch.Serialization;

namespace PromptWatch.AspNetCore.Api;

/// <summary><c>api/usecases</c>' <c>deployed</c> field, written while the pipeline monitor is registered, and its part in the ETag.</summary>
internal static class DeployedUseCases
{
    /// <summary>The timeline's ETag with a digest of the deployed versions after it: a new deployment is a new representation.</summary>
    public static string ETag(string timelineETag, IReadOnlyDictionary<UseCaseKey, DeployedVersion?> deployed)
    {
        var text = new StringBuilder();
        foreach (var (key, version) in deployed.OrderBy(static p => p.Key.Repository, StringComparer.Ordinal).ThenBy(static p => p.Key.Environment, StringComparer.Ordinal).ThenBy(static p => p.Key.UseCase, StringComparer.Ordinal))
        {
            text.Append(key.Repository).Append('\t').Append(key.Environment).Append('\t').Append(key.UseCase).Append('\t')
                .Append(version?.VersionSha).Append('\t').Append(version?.Deployment.DeploymentId).Append('\t')
                .Append(version?.Deployment.RunId).Append('\t').Append(version?.Deployment.RunUrl).Append('\t')
                .Append(version?.Deployment.DeployedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
        }

        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..12];
        return timelineETag[..^1] + "-d" + digest + "\"";
    }

    /// <summary>
    /// Writes <c>deployed</c>: the version of the use case live in its environment (<c>sha</c>, <c>null</c> when the
    /// watched repository does not have the deployed commit), the commit deployed, where, when, by which deployment
    /// and run; <c>null</c> when nothing is deployed there or the use case did not exist at the deployed commit.
    /// </summary>
    public static void Write(Utf8JsonWriter writer, IReadOnlyDictionary<UseCaseKey, DeployedVersion?> deployed, UseCaseKey key)
    {
        if (!deployed.TryGetValue(key, out var version) || version is null)
        {
            writer.WriteNull("deployed");
            return;
        }

        var deployment = version.Deployment;
        writer.WriteStartObject("deployed");
        writer.WriteString("sha", version.VersionSha);
        writer.WriteString("deployed_sha", deployment.Sha);
        writer.WriteString("repository", deployment.Repository);
        writer.WriteString("environment", deployment.Environment);
        writer.WriteString("at", ChangeEntryJson.FormatDate(deployment.DeployedAt));
        writer.WriteNumber("deployment_id", deployment.DeploymentId);
        if (deployment.RunId is { } runId)
        {
            writer.WriteStartObject("run");
            writer.WriteNumber("id", runId);
            writer.WriteString("url", deployment.RunUrl);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull("run");
        }

        writer.WriteEndObject();
    }
}
