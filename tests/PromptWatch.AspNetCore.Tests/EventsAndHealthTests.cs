using System.Net;
using System.Text.Json;
using PromptWatch.AspNetCore.Tests.Support;

namespace PromptWatch.AspNetCore.Tests;

public sealed class EventsAndHealthTests : IDisposable
{
    private readonly WatchedRepository _repository = new();

    public EventsAndHealthTests() => _repository.Set("test", "summarize", "gpt-4o-mini", "Summarize the text.");

    [Fact]
    public async Task A_commit_is_announced_on_the_event_stream_by_the_next_poll()
    {
        using var host = new PromptWatchHost(_repository.Path, pollInterval: TimeSpan.FromSeconds(1));
        using var client = await host.StartAsync();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var response = await client.GetAsync(new Uri("api/events", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancel.Token));

        var hello = await ReadEventAsync(reader, cancel.Token);
        Assert.Equal("hello", hello.Name);
        Assert.Equal(1, hello.Data.GetProperty("count").GetInt32());

        _repository.Set("test", "summarize", "gpt-4.1-mini", "Summarize the text.");
        // Status events (polls that found nothing) may come first; the changes event must follow without a manual refresh.
        (string Name, JsonElement Data) next;
        do next = await ReadEventAsync(reader, cancel.Token);
        while (next.Name != "changes");
        Assert.Equal(2, next.Data.GetProperty("count").GetInt32());
        Assert.Equal(1, next.Data.GetProperty("new_changes").GetInt32());
    }

    [Fact]
    public async Task The_event_stream_ends_when_the_host_begins_to_stop()
    {
        using var host = new PromptWatchHost(_repository.Path);
        using var client = await host.StartAsync();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var response = await client.GetAsync(new Uri("api/events", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancel.Token));
        Assert.Equal("hello", (await ReadEventAsync(reader, cancel.Token)).Name);

        // The host's shutdown starts: an open stream (a dashboard left open) ends instead of holding it until its timeout.
        Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>(host.Services).StopApplication();
        await reader.ReadToEndAsync(cancel.Token);
        Assert.False(cancel.IsCancellationRequested);
    }

    [Fact]
    public async Task Health_turns_unhealthy_when_the_repository_disappears_and_healthy_when_it_returns()
    {
        using var host = new PromptWatchHost(_repository.Path);
        using var client = await host.StartAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("health/ready", UriKind.Relative))).StatusCode);
        using (var detailed = JsonDocument.Parse(await client.GetStringAsync(new Uri("health/detailed", UriKind.Relative))))
        {
            var check = detailed.RootElement.GetProperty("checks").EnumerateArray().Single(static c => c.GetProperty("name").GetString() == "promptwatch:service");
            Assert.Equal("Healthy", check.GetProperty("status").GetString());
            Assert.Equal(1, check.GetProperty("data").GetProperty("changes").GetInt32());
        }

        var moved = _repository.Path + "-moved";
        Directory.Move(_repository.Path, moved);
        try
        {
            using var refresh = await client.PostAsync(new Uri("api/refresh", UriKind.Relative), null);
            Assert.Equal(HttpStatusCode.BadGateway, refresh.StatusCode);
            // Problem details with each key once: "status" is the HTTP status, never also a word.
            using (var problem = StrictJson.Parse(await refresh.Content.ReadAsStringAsync()))
            {
                Assert.Equal(502, problem.RootElement.GetProperty("status").GetInt32());
                Assert.Equal(1, problem.RootElement.GetProperty("count").GetInt32());
                Assert.Equal(0, problem.RootElement.GetProperty("new_changes").GetInt32());
                Assert.Contains("service", problem.RootElement.GetProperty("errors").EnumerateObject().Select(static e => e.Name));
            }

            using var health = await client.GetAsync(new Uri("health", UriKind.Relative));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            Assert.Equal("Unhealthy", await health.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("health/live", UriKind.Relative))).StatusCode);
            // The last good snapshot is still served.
            using var changes = await ChangesApiTests.GetJsonAsync(client, "api/changes");
            Assert.Equal(1, changes.RootElement.GetArrayLength());
        }
        finally
        {
            Directory.Move(moved, _repository.Path);
        }

        await ChangesApiTests.RefreshAsync(client);
        using var healthy = await client.GetAsync(new Uri("health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        Assert.Equal("Healthy", await healthy.Content.ReadAsStringAsync());
    }

    private static async Task<(string Name, JsonElement Data)> ReadEventAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        string? name = null;
        string? data = null;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (name is not null && data is not null) return (name, JsonDocument.Parse(data).RootElement.Clone());
                continue;
            }

            if (line.StartsWith("event: ", StringComparison.Ordinal)) name = line[7..];
            else if (line.StartsWith("data: ", StringComparison.Ordinal)) data = line[6..];
        }

        throw new EndOfStreamException("The event stream ended.");
    }

    public void Dispose() => _repository.Dispose();
}
