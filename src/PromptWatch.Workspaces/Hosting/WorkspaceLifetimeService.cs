using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace PromptWatch.Workspaces;

/// <summary>Starts idle eviction when the host starts, and stops every workspace when it stops.</summary>
internal sealed class WorkspaceLifetimeService(WorkspaceManager manager, IOptions<WorkspaceOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Enabled) manager.Start();
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken) =>
        await manager.DisposeAsync().AsTask().WaitAsync(cancellationToken).ConfigureAwait(false);
}
