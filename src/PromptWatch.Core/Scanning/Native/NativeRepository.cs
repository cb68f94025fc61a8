using LibGit2Sharp;

namespace PromptWatch.Scanning.Native;

/// <summary>A libgit2 repository handle of its own for the history walk; not thread-safe.</summary>
internal sealed unsafe class NativeRepository : IDisposable
{
    private nint _handle;

    private NativeRepository(nint handle)
    {
        _handle = handle;
    }

    /// <summary>Opens the repository <paramref name="repository"/> is open on.</summary>
    public static NativeRepository Open(Repository repository)
    {
        Libgit2.SkipHashVerificationOnRead();
        var result = Libgit2.git_repository_open(out var handle, repository.Info.Path);
        return result == 0 ? new NativeRepository(handle) : throw new LibGit2SharpException($"libgit2 could not open the repository (error {result}).");
    }

    /// <summary>Reads a commit's committer time, parents (into <paramref name="parents"/>) and root tree.</summary>
    public CommitHeader ReadCommit(in GitOid id, List<GitOid> parents)
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

    /// <summary>Reads the commit's message, author and committer date.</summary>
    public Model.CommitInfo ReadCommitInfo(in GitOid id, string sha)
    {
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
        Check(Libgit2.git_repository_odb(out var odb, _handle), "open the object database");
        try
        {
            Check(Libgit2.git_odb_read_header(out var size, out _, odb, in id), "read an object header");
            return (long)size;
        }
        finally
        {
            Libgit2.git_odb_free(odb);
        }
    }

    /// <summary>Hands a blob's content to <paramref name="read"/> without copying it; the span is valid only during the call.</summary>
    public TResult ReadBlob<TState, TResult>(in GitOid id, TState state, BlobReader<TState, TResult> read)
    {
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
