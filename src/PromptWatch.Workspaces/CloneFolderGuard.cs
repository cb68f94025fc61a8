using PromptWatch.Repositories;

namespace PromptWatch.Workspaces;

/// <summary>
/// Makes a workspace's repository sources so that its cache folder (and its cluster's) exists only while it holds a
/// clone: an update that fails, or a source disposed before any update succeeded, leaves the user's folder removed when it is empty (no clone ever succeeded there), and
/// the cluster's folder too when no other user has one. Folders are made and removed under one lock shared by every
/// workspace, so removing an empty cluster folder never races another workspace's first clone into it.
/// </summary>
internal sealed class CloneFolderGuard(IRepositorySourceFactory? inner, string userFolder, Lock folders) : IRepositorySourceFactory
{
    public IRepositorySource Create(RepositorySourceOptions options) =>
        new GuardedSource(inner?.Create(options) ?? RepositorySource.Create(options), this);

    private void Prepare()
    {
        lock (folders) Directory.CreateDirectory(userFolder);
    }

    private void RemoveIfEmpty()
    {
        lock (folders)
        {
            if (RemoveIfEmpty(userFolder) && Path.GetDirectoryName(userFolder) is { } cluster) RemoveIfEmpty(cluster);
        }
    }

    private static bool RemoveIfEmpty(string folder)
    {
        try
        {
            if (!Directory.Exists(folder)) return true;
            if (Directory.EnumerateFileSystemEntries(folder).Any()) return false;
            Directory.Delete(folder, recursive: false);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Something else is there now, or it cannot be removed: it is kept.
            return false;
        }
    }

    private sealed class GuardedSource(IRepositorySource source, CloneFolderGuard guard) : IRepositorySource
    {
        private bool _updated;

        public string DisplayName => source.DisplayName;

        public async Task<RepositoryUpdate> UpdateAsync(CancellationToken cancellationToken)
        {
            guard.Prepare();
            try
            {
                var update = await source.UpdateAsync(cancellationToken).ConfigureAwait(false);
                _updated = true;
                return update;
            }
            catch
            {
                // Failed or cancelled: a clone that did not complete left nothing in the folder.
                guard.RemoveIfEmpty();
                throw;
            }
        }

        public void Dispose()
        {
            source.Dispose();
            if (!_updated) guard.RemoveIfEmpty();
        }
    }
}
