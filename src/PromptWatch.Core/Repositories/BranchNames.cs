using LibGit2Sharp;

namespace PromptWatch.Repositories;

/// <summary>
/// Resolves a branch name as <c>git checkout</c> does: a local branch or any revision as given; otherwise the single
/// remote-tracking branch of that name (<c>guardrails</c> is <c>origin/guardrails</c> in a clone that has only that).
/// </summary>
internal static class BranchNames
{
    /// <summary>The name to scan for <paramref name="branch"/> in <paramref name="repository"/>.</summary>
    /// <exception cref="PromptWatchException">No local branch or revision has that name and several remotes have a branch of it (the message lists them), or none does.</exception>
    public static string Resolve(Repository repository, string branch, string displayName)
    {
        if (repository.Branches[branch] is { IsRemote: false } || repository.Lookup(branch) is Commit) return branch;

        var remote = repository.Branches
            .Where(b => b.IsRemote && RemoteName(repository, b) is { } name && b.FriendlyName == name + "/" + branch)
            .Select(static b => b.FriendlyName)
            .Order(StringComparer.Ordinal)
            .ToList();
        return remote.Count switch
        {
            1 => remote[0],
            0 => throw new PromptWatchException(NotFound(repository, branch, displayName)),
            _ => throw new PromptWatchException($"Branch '{branch}' was not found in {displayName}; did you mean {string.Join(" or ", remote)}?"),
        };
    }

    /// <summary>
    /// The remote whose fetch refspecs map to the remote-tracking branch <paramref name="branch"/> (the one of them, as
    /// libgit2's <c>git_branch_remote_name</c> finds it), or <see langword="null"/>. <see cref="Branch.RemoteName"/>
    /// reads libgit2's answer through a buffer that Native AOT does not copy back, so there it is always null.
    /// </summary>
    private static string? RemoteName(Repository repository, Branch branch)
    {
        var matching = repository.Network.Remotes
            .Where(remote => remote.FetchRefSpecs.Any(spec => DestinationMatches(spec.Destination, branch.CanonicalName)))
            .Select(static remote => remote.Name)
            .Take(2)
            .ToList();
        return matching.Count == 1 ? matching[0] : null;
    }

    /// <summary>Whether <paramref name="reference"/> is one a refspec's destination (<c>refs/remotes/origin/*</c>, or one name without <c>*</c>) stands for.</summary>
    private static bool DestinationMatches(string destination, string reference)
    {
        var star = destination.IndexOf('*', StringComparison.Ordinal);
        if (star < 0) return string.Equals(destination, reference, StringComparison.Ordinal);
        var prefix = destination[..star];
        var suffix = destination[(star + 1)..];
        return reference.Length >= prefix.Length + suffix.Length
            && reference.StartsWith(prefix, StringComparison.Ordinal)
            && reference.EndsWith(suffix, StringComparison.Ordinal);
    }

    private static string NotFound(Repository repository, string branch, string displayName)
    {
        // A remote-tracking branch named with another remote's name, or a local one named as a remote's: say which exists.
        var slash = branch.IndexOf('/', StringComparison.Ordinal);
        var shortName = slash > 0 ? branch[(slash + 1)..] : branch;
        var similar = repository.Branches
            .Where(b => b.FriendlyName != branch && (b.FriendlyName == shortName || (b.IsRemote && RemoteName(repository, b) is { } name && b.FriendlyName == name + "/" + shortName)))
            .Select(static b => b.FriendlyName)
            .Order(StringComparer.Ordinal)
            .ToList();
        return similar.Count == 0
            ? $"Branch '{branch}' was not found in {displayName}."
            : $"Branch '{branch}' was not found in {displayName}; did you mean {string.Join(" or ", similar)}?";
    }
}
