using System.Diagnostics.CodeAnalysis;

// The schema types describe JSON that the timeline view and the handlers write as bytes: only the API document uses them.
[assembly: SuppressMessage("Performance", "CA1812:Avoid uninstantiated internal classes", Justification = "Schemas of the API document only.", Scope = "namespaceanddescendants", Target = "~N:PromptWatch.AspNetCore.Api.Schemas")]
