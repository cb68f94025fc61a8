using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using PromptWatch.Alerting;
using PromptWatch.AspNetCore.Tests.Support;
using PromptWatch.Hosting;

namespace PromptWatch.AspNetCore.Tests.Alerting;

/// <summary>
/// The default <c>api_error_rate</c> rule on a real host's ASP.NET Core request metrics: the API's 5xx answers count, a
/// health route's 503 (its answer while a check is Unhealthy) does not.
/// </summary>
public sealed class ApiErrorRateRuleTests
{
    [Fact]
    public async Task Only_the_APIs_own_5xx_answers_raise_the_error_rate()
    {
        using var repository = new WatchedRepository();
        repository.Set("prod", "summarize", "gpt-4o", "A prompt.");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.Sources.Clear();
        builder.WebHost.UseTestServer();
        builder.Services.AddPromptWatch(options => options.Repositories.Add(new() { Name = "host", Location = repository.Path }))
            .AddAlerting(options => options.DefaultRules = true);
        await using var app = builder.Build();
        app.MapGet("/health/probe", () => Microsoft.AspNetCore.Http.Results.StatusCode(StatusCodes.Status503ServiceUnavailable));
        app.MapGet("/api/ok", () => "ok");
        app.MapGet("/api/boom", () => Microsoft.AspNetCore.Http.Results.StatusCode(StatusCodes.Status500InternalServerError));
        await app.StartAsync();
        using var client = app.GetTestClient();
        var alerts = app.Services.GetRequiredService<IAlertManager>();

        async Task RoundAsync(string failing)
        {
            for (var i = 0; i < 10; i++)
            {
                using var response = await client.GetAsync(new Uri(failing, UriKind.Relative));
                Assert.True(response.StatusCode >= HttpStatusCode.InternalServerError, $"{failing}: {response.StatusCode}");
            }

            for (var i = 0; i < 5; i++)
            {
                using var ok = await client.GetAsync(new Uri("/api/ok", UriKind.Relative));
                Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            }

            await alerts.EvaluateAsync();
        }

        await alerts.EvaluateAsync();
        for (var round = 0; round < 4; round++) await RoundAsync("/health/probe");
        Assert.Empty(await alerts.GetAlertsAsync(new AlertQuery(Rule: "api_error_rate")));

        for (var round = 0; round < 4; round++) await RoundAsync("/api/boom");
        var raised = Assert.Single(await alerts.GetAlertsAsync(new AlertQuery(Rule: "api_error_rate")));
        Assert.Equal(AlertState.Firing, raised.State);
        Assert.True(raised.Value > 0.1, $"ratio {raised.Value}");
    }
}
