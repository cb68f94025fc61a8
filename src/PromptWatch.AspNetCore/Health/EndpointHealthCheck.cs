using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PromptWatch.AspNetCore.Health;

/// <summary>
/// Sends one request to a configured URL and compares the answer's status with the expected one. The registration's
/// timeout bounds it; header values (often tokens) and the URL's user info never appear in its result.
/// </summary>
internal sealed class EndpointHealthCheck(IHttpClientFactory clients, EndpointCheckSettings settings) : IHealthCheck
{
    public const string ClientName = "PromptWatch.Health.Endpoints";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var url = new Uri(settings.Url!);
        var shownUrl = ConfigurationRedaction.RedactUrl(url);
        var method = settings.Method.ToUpperInvariant();
        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["url"] = shownUrl,
            ["method"] = method,
            ["expected_status"] = settings.ExpectedStatus,
        };
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        foreach (var (name, value) in settings.Headers) request.Headers.TryAddWithoutValidation(name, value);
        var client = clients.CreateClient(ClientName);
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            // The message names the host and the socket error, never the headers; the exception itself is not attached.
            data["error"] = e.HttpRequestError.ToString();
            return new HealthCheckResult(context.Registration.FailureStatus, $"{method} {shownUrl} failed: {e.HttpRequestError}.", data: data);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            data["status"] = status;
            return status == settings.ExpectedStatus
                ? HealthCheckResult.Healthy($"{method} {shownUrl} answered {status}.", data)
                : new HealthCheckResult(context.Registration.FailureStatus, string.Create(CultureInfo.InvariantCulture, $"{method} {shownUrl} answered {status}, expected {settings.ExpectedStatus}."), data: data);
        }
    }
}
