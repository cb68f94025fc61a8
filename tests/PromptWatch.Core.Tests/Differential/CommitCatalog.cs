using System.Globalization;
using PromptWatch.Model;
using PromptWatch.Tests.Support;

namespace PromptWatch.Tests.Differential;

/// <summary>Every commit of a branch as the git command line reports it: walk order (<c>git rev-list</c>) and metadata (<c>git log</c>).</summary>
internal sealed class CommitCatalog
{
    private readonly Dictionary<string, int> _ageRank = [];
    private readonly Dictionary<string, CommitInfo> _info = [];

    public CommitCatalog(TestRepository repository, string branch)
    {
        var newestFirst = repository.Git("rev-list", branch).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < newestFirst.Length; i++) _ageRank[newestFirst[i]] = newestFirst.Length - 1 - i;

        var log = repository.Git("log", "-z", "--format=%H%n%cI%n%an%n%ae%n%B", branch);
        foreach (var record in log.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var lines = record.Split('\n', 5);
            var message = lines.Length > 4 ? lines[4].TrimEnd('\n', '\r') : string.Empty;
            var date = DateTimeOffset.Parse(lines[1], CultureInfo.InvariantCulture);
            _info[lines[0]] = new CommitInfo(lines[0], date, message, lines[2], lines[3]);
        }
    }

    /// <summary>The commit's position in the walk counted from the oldest: 0 is walked last.</summary>
    public int AgeRank(string sha) => _ageRank[sha];

    public CommitInfo Info(string sha) => _info[sha];
}
