using Microsoft.Extensions.Logging;
using PromptWatch.Results;
using PromptWatch.S3;

namespace PromptWatch.Workspaces.S3;

/// <summary>
/// Builds each workspace's result store on the existing S3 stores (<see cref="AwsS3ResultStore"/> or
/// <see cref="MinioResultStore"/>): the workspace's endpoint, console URL, bucket and keys over the shared settings
/// (region, TLS, time-outs) of <c>PromptWatch:Workspaces:S3</c>. A user without keys gets no store (logged).
/// </summary>
internal sealed class S3WorkspaceResultStoreFactory(S3ResultStoreOptions shared, EvaluationResultLayout? layout, bool useMinio, ILoggerFactory? loggerFactory, TimeProvider? timeProvider)
    : IWorkspaceResultStoreFactory
{
    public IEvaluationResultStore Create(WorkspaceResultStoreRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var options = new S3ResultStoreOptions
        {
            Endpoint = request.Endpoint.GetLeftPart(UriPartial.Authority),
            UiUrl = request.UiUrl?.AbsoluteUri.TrimEnd('/'),
            Bucket = request.Bucket,
            AccessKey = request.AccessKey,
            SecretKey = request.SecretKey,
            Region = shared.Region,
            ForcePathStyle = shared.ForcePathStyle,
            VerifyTls = shared.VerifyTls,
            CaBundlePath = shared.CaBundlePath,
            PresignedUrlLifetime = shared.PresignedUrlLifetime,
            MaxListedObjects = shared.MaxListedObjects,
            Timeout = shared.Timeout,
            Layout = layout,
        };
        return useMinio
            ? new MinioResultStore(options, loggerFactory?.CreateLogger<MinioResultStore>(), timeProvider)
            : new AwsS3ResultStore(options, loggerFactory?.CreateLogger<AwsS3ResultStore>(), timeProvider);
    }
}
