using Microsoft.Extensions.Compliance.Classification;

namespace PromptWatch.Compliance;

/// <summary>Classifies a log parameter or property as <see cref="PromptWatchTaxonomy.Secret"/>.</summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.ReturnValue, AllowMultiple = false)]
public sealed class SecretDataAttribute : DataClassificationAttribute
{
    /// <summary>Classifies the value as a secret.</summary>
    public SecretDataAttribute()
        : base(PromptWatchTaxonomy.Secret)
    {
    }
}
