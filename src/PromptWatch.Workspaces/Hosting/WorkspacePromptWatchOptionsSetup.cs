using Microsoft.Extensions.Options;
using PromptWatch.Hosting;

namespace PromptWatch.Workspaces;

/// <summary>A host that serves workspaces may watch no repository of its own: allows that while workspaces are enabled.</summary>
internal sealed class WorkspacePromptWatchOptionsSetup(IOptions<WorkspaceOptions> workspaces) : IPostConfigureOptions<PromptWatchOptions>
{
    public void PostConfigure(string? name, PromptWatchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (workspaces.Value.Enabled) options.AllowNoRepositories = true;
    }
}
