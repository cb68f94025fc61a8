using LibGit2Sharp;

namespace PromptWatch.Scanning.Native;

/// <summary>A libgit2 repository handle of its own for the history walk; not thread-safe.</summary>
internal sealed unsafe class NativeRepository : IDisposable
{
    private nint _handle;
    private nint _odb;
    private readonly PackReader? _packs;
    private readonly Dictionary<string, byte[][]> _pathComponents = new(StringComparer.Ordinal);

    private NativeRepository(nint handle, nint odb, PackReader? packs)
    {
        _handle = handle;
        _odb = odb;
        _packs = packs;
    }

    /// <summary>
    /// Opens the repository <paramref name="repository"/> is open on, with a <see cref="PackReader"/> for commits, trees
    /// and blobs unless <paramref name="readsPacks"/> is false or the repository is shallow (its grafts change parents).
    /// </summary>
    public static NativeRepository Open(Repository repository, bool readsPacks = true)
    {
        Libgit2.SkipHashVerificationOnRead();
        var result = Libgit2.git_repository_open(out var handle, repository.Info.Path);
        if (result != 0) throw new LibGit2SharpException($"libgit2 could not open the repository (error {result}).");
        result = Libgit2.git_repository_odb(out var odb, handle);
        if (result != 0)
        {
            Libgit2.git_repository_free(handle);
            throw new LibGit2SharpException($"libgit2 could not open the object database (error {result}).");
        }

        var packs = readsPacks && Libgit2.git_repository_is_shallow(handle) == 0 ? PackReader.TryOpen(repository.Info.Path) : null;
        return new NativeRepository(handle, odb, packs);
    }

    /// <summary>
    /// Reads a commit's committer time, parents (into <paramref name="parents"/>) and root tree: from the packs
    /// (<see cref="RawCommitHeader"/>) when it can, else through libgit2's parser.
    /// </summary>
    public CommitHeader ReadCommit(in GitOid id, List<GitOid> parents)
    {
        if (_packs is not null && _packs.TryRead(id, out var type, out var data) && type == Libgit2.ObjectCommit
            && RawCommitHeader.TryParse(data, parents, out var header))
        {
            return header;
        }

        return ParseCommit(id, parents);
    }

    private CommitHeader ParseCommit(in GitOid id, List<GitOid> parents)
    {
        parents.Clear();
        Check(Libgit2.git_commit_lookup(out var commit, _handle, in id), "read a commit");
        try
        {
            var count = Libgit2.git_commit_parentcount(commit);
            for (uint i = 0; i < count; i++) parents.Add(*Libgit2.git_commit_parent_id(commit, i));
            return new CommitHeader(Libgit2.git_commit_time(commit), *Libgit2.git_commit_tree_id(commit));
        }
        finally
        {
            Libgit2.git_commit_free(commit);
        }
    }

    /// <summary>A commit's committer time, for ordering the walk.</summary>
    public long CommitTime(in GitOid id)
    {
        Check(Libgit2.git_commit_lookup(out var commit, _handle, in id), "read a commit");
        try
        {
            return Libgit2.git_commit_time(commit);
        }
        finally
        {
            Libgit2.git_commit_free(commit);
        }
    }

    /// <summary>Looks up each path in a tree: the blob id and file mode, or no id when the path is missing or not a blob.</summary>
    public void BlobsAt(in GitOid tree, string[] paths, Span<BlobAtPath> into, ReadOnlySpan<BlobAtPath> reuse)
    {
        nint root = 0;
        try
        {
            for (var i = 0; i < paths.Length; i++)
            {
                if (ReferenceEquals(reuse[i].Path, paths[i]))
                {
                    into[i] = reuse[i];
                    continue;
                }

                if (_packs is not null && TryBlobAt(tree, paths[i], out into[i])) continue;
                if (root == 0) Check(Libgit2.git_tree_lookup(out root, _handle, in tree), "read a tree");
                var found = Libgit2.git_tree_entry_bypath(out var entry, root, paths[i]);
                if (found == Libgit2.NotFound)
                {
                    into[i] = new BlobAtPath(paths[i], null, 0);
                    continue;
                }

                Check(found, "read a tree entry");
                try
                {
                    into[i] = Libgit2.git_tree_entry_type(entry) == Libgit2.ObjectBlob
                        ? new BlobAtPath(paths[i], *Libgit2.git_tree_entry_id(entry), Libgit2.git_tree_entry_filemode(entry))
                        : new BlobAtPath(paths[i], null, 0);
                }
                finally
                {
                    Libgit2.git_tree_entry_free(entry);
                }
            }
        }
        finally
        {
            if (root != 0) Libgit2.git_tree_free(root);
        }
    }

    /// <summary>Looks a path up in a tree through the packs, as <c>git_tree_entry_bypath</c> does; false when the packs cannot say.</summary>
    private bool TryBlobAt(GitOid tree, string path, out BlobAtPath found)
    {
        found = default;
        if (!_pathComponents.TryGetValue(path, out var components))
        {
            components = [.. path.Split('/').Select(static c => System.Text.Encoding.UTF8.GetBytes(c))];
            _pathComponents[path] = components;
        }

        for (var i = 0; i < components.Length; i++)
        {
            if (!_packs!.TryRead(tree, out var type, out var data) || type != Libgit2.ObjectTree || !GitTree.TryFind(data, components[i], out var entry)) return false;
            if (entry is null)
            {
                found = new BlobAtPath(path, null, 0);
                return true;
            }

            var (id, mode) = entry.Value;
            var last = i == components.Length - 1;
            if (last)
            {
                found = GitTree.IsBlob(mode) ? new BlobAtPath(path, id, mode) : new BlobAtPath(path, null, 0);
                return true;
            }

            if (!GitTree.IsTree(mode))
            {
                found = new BlobAtPath(path, null, 0);
                return true;
            }

            tree = id;
        }

        return false;
    }

    /// <summary>Reads the commit's message, author and committer date: from the packs (<see cref="RawCommitInfo"/>) when it can, else through libgit2.</summary>
    public Model.CommitInfo ReadCommitInfo(in GitOid id, string sha)
    {
        if (_packs is not null && _packs.TryRead(id, out var type, out var data) && type == Libgit2.ObjectCommit
            && RawCommitInfo.TryParse(data, sha, out var info))
        {
            return info;
        }

        Check(Libgit2.git_commit_lookup(out var commit, _handle, in id), "read a commit");
        try
        {
            var author = Libgit2.git_commit_author(commit);
            var committer = Libgit2.git_commit_committer(commit);
            var date = DateTimeOffset.FromUnixTimeSeconds(committer->Time).ToOffset(TimeSpan.FromMinutes(committer->OffsetMinutes));
            var message = Utf8(Libgit2.git_commit_message(commit)).TrimEnd('\n', '\r');
            return new Model.CommitInfo(sha, date, message, Utf8(author->Name), Utf8(author->Email));
        }
        finally
        {
            Libgit2.git_commit_free(commit);
        }
    }

    /// <summary>A blob's size, read from its header without loading it.</summary>
    public long BlobSize(in GitOid id)
    {
        if (_packs is not null && _packs.TryReadSize(id, out var packed)) return packed;
        Check(Libgit2.git_odb_read_header(out var size, out _, _odb, in id), "read an object header");
        return (long)size;
    }

    /// <summary>Hands a blob's content to <paramref name="read"/> without copying it; the span is valid only during the call.</summary>
    public TResult ReadBlob<TState, TResult>(in GitOid id, TState state, BlobReader<TState, TResult> read)
    {
        if (_packs is not null && _packs.TryRead(id, out var type, out var data) && type == Libgit2.ObjectBlob) return read(data, data.Length, state);
        Check(Libgit2.git_blob_lookup(out var blob, _handle, in id), "read a blob");
        try
        {
            var size = Libgit2.git_blob_rawsize(blob);
            return read(new ReadOnlySpan<byte>(Libgit2.git_blob_rawcontent(blob), checked((int)Math.Min(size, int.MaxValue))), size, state);
        }
        finally
        {
            Libgit2.git_blob_free(blob);
        }
    }

    public void Dispose()
    {
        _packs?.Dispose();
        if (_odb != 0) Libgit2.git_odb_free(_odb);
        _odb = 0;
        if (_handle == 0) return;
        Libgit2.git_repository_free(_handle);
        _handle = 0;
    }

    private static string Utf8(byte* text) =>
        text is null ? string.Empty : System.Text.Encoding.UTF8.GetString(System.Runtime.InteropServices.MemoryMarshal.CreateReadOnlySpanFromNullTerminated(text));

    private static void Check(int result, string action)
    {
        if (result < 0) throw new LibGit2SharpException($"libgit2 could not {action} (error {result}).");
    }
}

/// <summary>Reads a blob's content (<paramref name="size"/> bytes in all) in place.</summary>
internal delegate TResult BlobReader<in TState, out TResult>(ReadOnlySpan<byte> content, long size, TState state);

/// <summary>A commit's committer time and root tree.</summary>
internal readonly record struct CommitHeader(long Time, GitOid Tree);

/// <summary>The blob at a path in a tree (<see langword="null"/> when absent), and its file mode.</summary>
internal readonly record struct BlobAtPath(string? Path, GitOid? Blob, int Mode);
