using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PromptWatch.Alerting;
using PromptWatch.AspNetCore.Tests.Support;

namespace PromptWatch.AspNetCore.Tests.Alerting;

/// <summary>Calls of the alert routes for the tests, and the sample host with the engine's default rules off (tests make their own).</summary>
internal static class AlertApi
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public static PromptWatchHost Host(string repositoryPath, Dictionary<string, string>? settings = null, Action<IServiceCollection>? configureServices = null)
    {
        var all = new Dictionary<string, string>(StringComparer.Ordinal) { ["PromptWatch:Alerting:DefaultRules"] = "false" };
        foreach (var (key, value) in settings ?? []) all[key] = value;
        return new PromptWatchHost(repositoryPath, settings: all, configureServices: configureServices);
    }

    public static async Task<(HttpStatusCode Status, JsonDocument Body)> SendAsync(HttpClient client, HttpMethod method, string url, string? json = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(url, UriKind.Relative));
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text.Length == 0 ? "null" : text));
    }

    public static async Task<JsonDocument> GetAsync(HttpClient client, string url)
    {
        var (status, body) = await SendAsync(client, HttpMethod.Get, url);
        Assert.True(status == HttpStatusCode.OK, $"GET {url}: {status} {body.RootElement}");
        return body;
    }

    public static Task<(HttpStatusCode Status, JsonDocument Body)> PostAsync(HttpClient client, string url, string? json = null) => SendAsync(client, HttpMethod.Post, url, json);

    /// <summary>Asserts a 400 (or <paramref name="status"/>) problem whose <c>field</c> is <paramref name="field"/> and whose detail names it.</summary>
    public static void AssertProblem((HttpStatusCode Status, JsonDocument Body) answer, string field, HttpStatusCode status = HttpStatusCode.BadRequest)
    {
        Assert.True(answer.Status == status, $"{answer.Status}: {answer.Body.RootElement}");
        var problem = answer.Body.RootElement;
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.Contains(field.Split('.', '[')[^1].TrimEnd(']'), problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    /// <summary>An event rule on <paramref name="kind"/>, created through the API.</summary>
    public static async Task CreateEventRuleAsync(HttpClient client, string name, string kind, string severity = "error")
    {
        var (status, body) = await PostAsync(client, "api/v1/notifications/rules", $$$"""{"name":"{{{name}}}","description":"Test rule.","severity":"{{{severity}}}","labels":{"team":"platform"},"event":{"kind":"{{{kind}}}"}}""");
        Assert.True(status == HttpStatusCode.Created, $"{status}: {body.RootElement}");
    }

    /// <summary>Publishes an event as an integration would and waits for the rule's alert to fire.</summary>
    public static Task<JsonElement> FireAsync(PromptWatchHost host, HttpClient client, string rule, string kind, string repository = "service") =>
        FireAsync(host.Services.GetRequiredService<IAlertEventPublisher>(), client, rule, kind, repository);

    /// <summary>Publishes an event through <paramref name="publisher"/> and waits for the rule's alert to fire.</summary>
    public static async Task<JsonElement> FireAsync(IAlertEventPublisher publisher, HttpClient client, string rule, string kind, string repository = "service")
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal) { ["repository"] = repository, ["branch"] = "main", ["workflow"] = "ci" };
        publisher.Publish(new AlertEvent(kind, labels, $"ci failed on main of {repository}", DateTimeOffset.UtcNow));
        return await WaitForAsync(client, $"api/alerts?rule={rule}", static a => a.GetProperty("state").GetString() == "firing");
    }

    /// <summary>Reads <paramref name="url"/> (an array of alerts) until one matches.</summary>
    public static async Task<JsonElement> WaitForAsync(HttpClient client, string url, Func<JsonElement, bool> match)
    {
        var deadline = DateTimeOffset.UtcNow + Patience;
        while (true)
        {
            using var alerts = await GetAsync(client, url);
            foreach (var alert in alerts.RootElement.EnumerateArray())
            {
                if (match(alert)) return alert.Clone();
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"No alert of {url} matched within {Patience}: {alerts.RootElement}");
            await Task.Delay(50);
        }
    }
}
