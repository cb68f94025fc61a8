using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Octokit.Webhooks;
using PromptWatch.GitHub.Events;
using PromptWatch.GitHub.Hosting;
using PromptWatch.GitHub.Receiving;

namespace PromptWatch.GitHub.Endpoints;

/// <summary>
/// <c>POST</c> webhook receiver. Before a byte of the body is read: a declared size over the cap (413), the signature
/// header missing (401) or not <c>sha256=&lt;64 hex&gt;</c> (403), event and delivery headers (400), and a place among
/// <see cref="GitHubWebhookOptions.MaxConcurrentReceipts"/> (503 with <c>Retry-After</c>). Then the body is read into a
/// pooled buffer with the cap enforced as it arrives and the HMAC computed piece by piece: too large (413), wrong
/// signature (403), not the event's JSON (400); then the queue: 202 <c>accepted</c>, or 202 <c>duplicate</c> for a
/// delivery id already waiting or processed here before (a redelivery, queued again for the store's marker), 503 with
/// <c>Retry-After</c> when full. The body is read into its typed event here, before it is queued, so that one the
/// event's model cannot read is refused at once.
/// </summary>
internal sealed class WebhookEndpoint(
    IOptions<GitHubWebhookOptions> options,
    WebhookQueue queue,
    WebhookReceipts receipts,
    GitHubMetrics metrics,
    TimeProvider timeProvider,
    ILogger<WebhookEndpoint> logger)
{
    private readonly GitHubWebhookOptions _options = options.Value;

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var eventName = request.Headers["X-GitHub-Event"].ToString();
        var deliveryId = request.Headers["X-GitHub-Delivery"].ToString();

        if (request.ContentLength > _options.MaxBodyBytes) return Refuse(StatusCodes.Status413PayloadTooLarge, "The body is larger than the limit", eventName, deliveryId);
        var signed = !string.IsNullOrEmpty(_options.Secret);
        var signature = new byte[WebhookSignature.DigestBytes];
        if (signed)
        {
            var header = request.Headers["X-Hub-Signature-256"].ToString();
            if (header.Length == 0) return Refuse(StatusCodes.Status401Unauthorized, "X-Hub-Signature-256 is missing", eventName, deliveryId);
            if (!WebhookSignature.TryParse(header, signature)) return Refuse(StatusCodes.Status403Forbidden, "X-Hub-Signature-256 is not sha256= and 64 hex digits", eventName, deliveryId);
        }
        else if (!_options.AllowUnsigned)
        {
            // Validation on start prevents this; never accept unsigned deliveries by accident.
            return Refuse(StatusCodes.Status401Unauthorized, "No webhook secret is configured", eventName, deliveryId);
        }

        if (!IsToken(eventName, 64)) return Refuse(StatusCodes.Status400BadRequest, "X-GitHub-Event is missing or not an event name", eventName, deliveryId);
        if (!IsToken(deliveryId, 128)) return Refuse(StatusCodes.Status400BadRequest, "X-GitHub-Delivery is missing or not a delivery id", eventName, deliveryId);

        if (!receipts.TryEnter())
        {
            metrics.Delivery(eventName, "busy");
            GitHubLog.ReceiptsBusy(logger, receipts.Limit, deliveryId);
            context.Response.Headers.RetryAfter = "5";
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Too many deliveries are being received at once; retry later.");
        }

        try
        {
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature) sizeFeature.MaxRequestBodySize = _options.MaxBodyBytes + 1;
            using var hmac = signed ? WebhookSignature.CreateHmac(_options.Secret!) : null;
            using var body = await WebhookBody.ReadAsync(request.Body, _options.MaxBodyBytes, request.ContentLength, hmac, context.RequestAborted).ConfigureAwait(false);
            if (body is null) return Refuse(StatusCodes.Status413PayloadTooLarge, "The body is larger than the limit", eventName, deliveryId);
            if (hmac is not null && !WebhookSignature.Matches(hmac, signature)) return Refuse(StatusCodes.Status403Forbidden, "X-Hub-Signature-256 does not match the body", eventName, deliveryId);
            return Accept(context, eventName, deliveryId, body.Memory);
        }
        finally
        {
            receipts.Exit();
        }
    }

    private IResult Accept(HttpContext context, string eventName, string deliveryId, ReadOnlyMemory<byte> body)
    {
        WebhookEvent? payload;
        string? unknownAction;
        try
        {
            (payload, unknownAction) = GitHubPayloadReader.Read(eventName, body);
        }
        catch (JsonException)
        {
            return Refuse(StatusCodes.Status400BadRequest, "The body is not a valid JSON payload", eventName, deliveryId);
        }

        var delivery = new GitHubDelivery(eventName, deliveryId, payload, timeProvider.GetUtcNow()) { UnknownAction = unknownAction };
        switch (queue.TryEnqueue(delivery))
        {
            case EnqueueResult.Full:
                metrics.Delivery(eventName, "queue_full");
                GitHubLog.QueueFull(logger, queue.Capacity, deliveryId);
                context.Response.Headers.RetryAfter = "10";
                return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The webhook queue is full; retry later.");
            case EnqueueResult.Duplicate or EnqueueResult.Redelivery:
                metrics.Delivery(eventName, "duplicate");
                return TypedResults.Json(new { status = "duplicate", delivery = deliveryId }, GitHubJson.Options, statusCode: StatusCodes.Status202Accepted);
            default:
                metrics.Delivery(eventName, "accepted");
                return TypedResults.Json(new { status = "accepted", delivery = deliveryId }, GitHubJson.Options, statusCode: StatusCodes.Status202Accepted);
        }
    }

    private ProblemHttpResult Refuse(int status, string reason, string eventName, string deliveryId)
    {
        metrics.Delivery(IsToken(eventName, 64) ? eventName : "invalid", "refused");
        GitHubLog.Refused(logger, reason, IsToken(eventName, 64) ? eventName : null, IsToken(deliveryId, 128) ? deliveryId : null);
        return TypedResults.Problem(statusCode: status, title: reason + ".");
    }

    // Event names are [a-z_]; delivery ids GUIDs. Anything else is refused (and never logged as given).
    private static bool IsToken(string value, int maxLength) =>
        value.Length > 0 && value.Length <= maxLength && value.All(static c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');
}
