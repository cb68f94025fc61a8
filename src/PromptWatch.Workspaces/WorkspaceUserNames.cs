namespace PromptWatch.Workspaces;

/// <summary>
/// Which user names the credential sources can tell apart. The sources look users up with some folding (configuration
/// keys ignore case; environment variable names upper-case the user and turn <c>.</c> and <c>-</c> into <c>_</c>),
/// while the route and the signed-in user are compared exactly. So that <c>Bob</c> never reads <c>bob</c>'s secrets
/// (nor <c>a.b</c> those of <c>a_b</c>), a name the lookup would fold into another spelling is refused.
/// </summary>
internal static class WorkspaceUserNames
{
    /// <summary>
    /// Whether <paramref name="user"/> is the only spelling <paramref name="source"/> finds its credentials by: never an
    /// upper-case letter, and with <see cref="WorkspaceCredentialSourceKind.Environment"/> no <c>.</c> or <c>-</c> either.
    /// </summary>
    public static bool IsDistinct(string user, WorkspaceCredentialSourceKind source)
    {
        foreach (var c in user)
        {
            if (char.IsAsciiLetterUpper(c)) return false;
            if (source == WorkspaceCredentialSourceKind.Environment && c is '.' or '-') return false;
        }

        return true;
    }
}
