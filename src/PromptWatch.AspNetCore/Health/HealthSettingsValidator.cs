using Microsoft.Extensions.Options;

namespace PromptWatch.AspNetCore.Health;

/// <summary>Checks <c>PromptWatch:Health</c> when the host starts; each message names the key.</summary>
internal sealed class HealthSettingsValidator : IValidateOptions<HealthSettings>
{
    public ValidateOptionsResult Validate(string? name, HealthSettings options)
    {
        const string Section = HealthSettings.SectionName;
        var failures = new List<string>();
        if (options.CheckTimeout <= TimeSpan.Zero) failures.Add($"{Section}:CheckTimeout must be positive.");
        var resources = options.Resources;
        AddIfProblem(failures, resources.Cpu.Problem($"{Section}:Resources:Cpu"));
        AddIfProblem(failures, resources.Memory.Problem($"{Section}:Resources:Memory"));
        AddIfProblem(failures, resources.Disk.Problem($"{Section}:Resources:Disk"));
        if (resources.Window <= TimeSpan.Zero) failures.Add($"{Section}:Resources:Window must be positive.");
        for (var i = 0; i < resources.DataDirectories.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(resources.DataDirectories[i])) failures.Add($"{Section}:Resources:DataDirectories:{i} is empty: name a folder.");
        }

        foreach (var (endpoint, settings) in options.Endpoints)
        {
            var key = $"{Section}:Endpoints:{endpoint}";
            if (!Uri.TryCreate(settings.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            {
                failures.Add($"{key}:Url must be an absolute http or https URL.");
            }

            if (string.IsNullOrWhiteSpace(settings.Method) || !settings.Method.All(char.IsAsciiLetter)) failures.Add($"{key}:Method must be an HTTP method such as GET or HEAD.");
            if (settings.ExpectedStatus is < 100 or > 599) failures.Add($"{key}:ExpectedStatus must be an HTTP status from 100 to 599.");
            if (settings.Timeout <= TimeSpan.Zero) failures.Add($"{key}:Timeout must be positive.");
            foreach (var header in settings.Headers.Keys)
            {
                if (string.IsNullOrWhiteSpace(header) || header.Any(static c => c <= ' ' || c == ':')) failures.Add($"{key}:Headers: '{header}' is not a header name.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void AddIfProblem(List<string> failures, string? problem)
    {
        if (problem is not null) failures.Add(problem);
    }
}
