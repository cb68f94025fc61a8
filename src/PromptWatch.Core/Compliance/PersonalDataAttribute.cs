using Microsoft.Extensions.Compliance.Classification;

namespace PromptWatch.Compliance;

/// <summary>Classifies a log parameter or property as <see cref="PromptWatchTaxonomy.PersonalData"/>.</summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.ReturnValue, AllowMultiple = false)]
public sealed class PersonalDataAttribute : DataClassificationAttribute
{
    /// <summary>Classifies the value as personal data.</summary>
    public PersonalDataAttribute()
        : base(PromptWatchTaxonomy.PersonalData)
    {
    }
}
