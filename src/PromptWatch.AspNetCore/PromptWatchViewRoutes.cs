using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PromptWatch.AspNetCore.Api;
using PromptWatch.AspNetCore.Dashboard;
using PromptWatch.Hosting;

namespace PromptWatch.AspNetCore;

/// <summary>
/// The routes of <c>MapPromptWatch()</c> (the API, server-sent events, the dashboard and, with results, the report
/// endpoints) for monitors chosen per request, for an integration that serves monitors of its own: typically behind
/// an endpoint filter on the group that picks the request's monitor (and stores it where <c>monitorOf</c> finds it).
/// The routes are neither named nor described, so one instance may be mapped on several groups (add
/// <c>ExcludeFromDescription()</c> to a group to keep it out of the API description); the groups share the dashboard
/// files and one timeline view per monitor. No health endpoints are mapped.
/// </summary>
public sealed class PromptWatchViewRoutes
{
    private readonly PromptWatchEndpointOptions _options;
    private readonly Func<HttpContext, PromptWatchMonitor> _monitorOf;
    private readonly Func<HttpContext, string> _evalBaseOf;
    private readonly DashboardAssets? _assets;
    private readonly ConditionalWeakTable<PromptWatchMonitor, TimelineViews> _views = [];

    /// <summary>Creates the route table; nothing is mapped before <see cref="Map"/>.</summary>
    /// <param name="monitorOf">The monitor a request is served from.</param>
    /// <param name="evalBaseOf">
    /// The path under which a request's report links point, ending in <c>/eval/</c> and including the request's path
    /// base (for example <c>/promptwatch/user1/apps.example.com/eval/</c>); the same for every request of one monitor.
    /// </param>
    /// <param name="options">Endpoint and dashboard settings, as for <c>MapPromptWatch()</c>; <see cref="PromptWatchEndpointOptions.HealthChecks"/> does not apply.</param>
    /// <exception cref="ArgumentException">A limit in <paramref name="options"/> is not positive.</exception>
    public PromptWatchViewRoutes(Func<HttpContext, PromptWatchMonitor> monitorOf, Func<HttpContext, string> evalBaseOf, PromptWatchEndpointOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(monitorOf);
        ArgumentNullException.ThrowIfNull(evalBaseOf);
        _options = options ?? new PromptWatchEndpointOptions();
        if (_options.MaxPageSize < 1) throw new ArgumentException("MaxPageSize must be positive.", nameof(options));
        if (_options.MaxReportBytes < 1) throw new ArgumentException("MaxReportBytes must be positive.", nameof(options));
        _monitorOf = monitorOf;
        _evalBaseOf = evalBaseOf;
        _assets = _options.Dashboard ? new DashboardAssets(_options.DashboardPollInterval, _options.ActivityUrl, _options.SignInPath, alertsUrl: _options.AlertsUrl, pipelinesUrl: _options.PipelinesUrl) : null;
    }

    /// <summary>Maps the routes on <paramref name="group"/>; its endpoint filters run before every handler.</summary>
    /// <param name="group">Where to map them.</param>
    /// <param name="withResults">Whether to map the report endpoints (<c>eval/...</c>, <c>api/s3-refresh</c>): the monitors have result stores.</param>
    public void Map(IEndpointRouteBuilder group, bool withResults)
    {
        ArgumentNullException.ThrowIfNull(group);
        var timeProvider = group.ServiceProvider.GetService<TimeProvider>() ?? TimeProvider.System;
        new PromptWatchRoutes(_options, timeProvider, _monitorOf, Views, _evalBaseOf).Map(group, withResults, _assets, describe: false);
    }

    private TimelineViews Views(HttpContext context) =>
        _views.GetValue(_monitorOf(context), monitor => new TimelineViews(monitor, _options.ReportLinkLifetime, _options.ViewCache));
}
