using System.Buffers;
using System.Globalization;
using System.Text;

namespace PromptWatch.Tests.Support;

/// <summary>
/// Builds a <c>git fast-import</c> stream, for histories too long to make commit by commit. Commits are
/// named by the mark <see cref="Commit"/> returns; <see cref="TestRepository.Import"/> gives their ids.
/// A commit's tree is its first parent's tree with the given changes applied.
/// </summary>
public sealed class FastImportScript
{
    private readonly ArrayBufferWriter<byte> _stream = new();
    private int _lastMark;

    /// <summary>The number of commits added so far.</summary>
    public int CommitCount => _lastMark;

    /// <summary>Adds a commit and points <paramref name="branch"/> at it.</summary>
    /// <param name="branch">The branch name, without <c>refs/heads/</c>.</param>
    /// <param name="message">The exact commit message.</param>
    /// <param name="author">The author.</param>
    /// <param name="committer">The committer; its date is the one git orders history by.</param>
    /// <param name="parents">Marks of the parents, first parent first; empty for a root commit.</param>
    /// <param name="changes">Files written or deleted, relative to the first parent's tree.</param>
    /// <returns>The commit's mark.</returns>
    public int Commit(string branch, string message, GitSignature author, GitSignature committer, IReadOnlyList<int> parents, IEnumerable<FileChange> changes)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(author);
        ArgumentNullException.ThrowIfNull(committer);
        ArgumentNullException.ThrowIfNull(parents);
        ArgumentNullException.ThrowIfNull(changes);
        if (parents.Any(p => p < 1 || p > _lastMark)) throw new ArgumentException("Parents must be marks of earlier commits.", nameof(parents));

        var mark = ++_lastMark;
        if (parents.Count == 0) Line($"reset refs/heads/{branch}");
        Line($"commit refs/heads/{branch}");
        Line($"mark :{mark}");
        Line($"author {author.ToFastImport()}");
        Line($"committer {committer.ToFastImport()}");
        Data(Encoding.UTF8.GetBytes(message));
        for (var i = 0; i < parents.Count; i++) Line($"{(i == 0 ? "from" : "merge")} :{parents[i]}");
        foreach (var change in changes)
        {
            if (change.Path.Length == 0 || change.Path.StartsWith('"') || change.Path.Any(char.IsControl)) throw new ArgumentException($"Unsupported path '{change.Path}'.", nameof(changes));
            if (change.Content is null)
            {
                Line($"D {change.Path}");
            }
            else
            {
                Line($"M 100644 inline {change.Path}");
                Data(change.Content);
            }
        }

        Line(string.Empty);
        return mark;
    }

    /// <summary>Points <paramref name="branch"/> at the commit <paramref name="mark"/>, creating the branch if needed.</summary>
    public void Branch(string branch, int mark)
    {
        if (mark < 1 || mark > _lastMark) throw new ArgumentOutOfRangeException(nameof(mark), "Not the mark of an earlier commit.");
        Line($"reset refs/heads/{branch}");
        Line($"from :{mark}");
        Line(string.Empty);
    }

    /// <summary>The stream so far.</summary>
    public byte[] ToBytes() => _stream.WrittenSpan.ToArray();

    private void Line(string text)
    {
        _stream.Write(Encoding.UTF8.GetBytes(text));
        _stream.Write("\n"u8);
    }

    private void Data(byte[] bytes)
    {
        Line(string.Create(CultureInfo.InvariantCulture, $"data {bytes.Length}"));
        _stream.Write(bytes);
        _stream.Write("\n"u8);
    }
}
