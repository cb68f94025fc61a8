using Microsoft.Extensions.Compliance.Classification;

namespace PromptWatch.Compliance;

/// <summary>
/// The data classifications of PromptWatch's log parameters. A host that enables redaction
/// (<c>builder.Logging.EnableRedaction()</c> and <c>builder.Services.AddRedaction(...)</c>, Microsoft.Extensions.Telemetry
/// and Microsoft.Extensions.Compliance.Redaction) chooses a redactor for each; without it a classified value is left
/// out of the line (the message shows <c>(null)</c> in its place and the state has no property for it).
/// </summary>
public static class PromptWatchTaxonomy
{
    /// <summary>The taxonomy's name, the first part of each classification.</summary>
    public static string TaxonomyName => "PromptWatch";

    /// <summary>
    /// Values that grant access or could carry something that does: credentials, tokens, header values and repository
    /// locations (a URL may hold user info). Erase them.
    /// </summary>
    public static DataClassification Secret => new(TaxonomyName, nameof(Secret));

    /// <summary>
    /// Values that identify a person: user names, workspace users, e-mail addresses and commit authors. Erase them, or
    /// replace them with a keyed hash so that lines of one person can still be found together.
    /// </summary>
    public static DataClassification PersonalData => new(TaxonomyName, nameof(PersonalData));
}
