using Microsoft.Extensions.Compliance.Classification;
using Microsoft.Extensions.Compliance.Redaction;
using PromptWatch.Compliance;

namespace PromptWatch.Server;

/// <summary>
/// The sample's logs: every request runs in a scope with its CorrelationId and TraceId (echoed in X-Correlation-ID).
/// Logging__Console__FormatterName=json writes one JSON object a line, scopes included (appsettings.json,
/// Logging:Console:FormatterOptions:IncludeScopes). Log parameters classified with <see cref="PromptWatchTaxonomy"/> are
/// redacted: secrets erased, personal data replaced by an HMAC-SHA256 of it when <see cref="RedactionKeySetting"/> is
/// set (so one person's lines can still be found together), else erased.
/// </summary>
internal static class SampleLogging
{
    /// <summary>The HMAC key for personal data in logs: base64, at least 32 bytes (44 characters). A secret.</summary>
    public const string RedactionKeySetting = "PromptWatch:Logging:RedactionKey";

    // HmacRedactorOptions.Key: base64, at least 44 characters.
    private const int MinimumKeyCharacters = 44;

    public static void AddServices(WebApplicationBuilder builder)
    {
        var key = RedactionKey(builder.Configuration[RedactionKeySetting]);
        builder.Logging.EnableRedaction();
        builder.Services.AddRedaction(redaction =>
        {
            redaction.SetRedactor<ErasingRedactor>(new DataClassificationSet(PromptWatchTaxonomy.Secret));
            var personal = new DataClassificationSet(PromptWatchTaxonomy.PersonalData);
            if (key is null) redaction.SetRedactor<ErasingRedactor>(personal);
#pragma warning disable EXTEXP0002 // The HMAC redactor is marked experimental; its output format is what may change.
            else redaction.SetHmacRedactor(options => options.Key = key, personal);
#pragma warning restore EXTEXP0002
            // Whatever else is classified (by another library) is erased too.
            redaction.SetFallbackRedactor<ErasingRedactor>();
        });
    }

    /// <summary>
    /// Adds correlation ids before the sample's middleware, so their lines and the endpoints' carry them (the routing
    /// and authentication WebApplication adds itself run before it).
    /// </summary>
    public static void Use(WebApplication app) => app.UsePromptWatchCorrelation();

    private static string? RedactionKey(string? key)
    {
        if (string.IsNullOrWhiteSpace(key)) return null;
        key = key.Trim();
        var bytes = new byte[key.Length];
        if (key.Length < MinimumKeyCharacters || !Convert.TryFromBase64String(key, bytes, out _))
        {
            // The message names the setting, never its value.
            throw new SettingException($"{RedactionKeySetting} must be base64 of at least 32 bytes ({MinimumKeyCharacters} characters or more), for example the output of 'openssl rand -base64 32'.", new FormatException());
        }

        return key;
    }
}
