using Microsoft.Extensions.Options;
using PromptWatch.Hosting;
using PromptWatch.S3;

namespace PromptWatch.Workspaces.S3;

/// <summary>
/// Checks, when the host starts, what the workspace result stores share: the settings of
/// <c>PromptWatch:Workspaces:S3</c> and the bucket name of <c>PromptWatch:Workspaces:S3Bucket</c>. A bad value stops the
/// host with a message naming the setting, instead of a warning on every workspace's first request.
/// </summary>
internal sealed class S3WorkspaceOptionsValidator : IValidateOptions<S3ResultStoreOptions>, IValidateOptions<WorkspaceOptions>
{
    public ValidateOptionsResult Validate(string? name, S3ResultStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (name != S3WorkspaceBuilderExtensions.OptionsName) return ValidateOptionsResult.Skip;
        var failures = S3ResultStoreChecks.CheckSharedSettings(options, S3WorkspaceBuilderExtensions.SectionName);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public ValidateOptionsResult Validate(string? name, WorkspaceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled || string.IsNullOrWhiteSpace(options.S3Endpoint)) return ValidateOptionsResult.Skip;
        return S3ResultStoreChecks.BucketNameProblem(options.S3Bucket) is { } problem
            ? ValidateOptionsResult.Fail($"{WorkspaceOptions.SectionName}:S3Bucket '{options.S3Bucket}' is not a valid S3 bucket name: {problem}.")
            : ValidateOptionsResult.Success;
    }
}
