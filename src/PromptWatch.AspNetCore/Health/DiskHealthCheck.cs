using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PromptWatch.AspNetCore.Health;

/// <summary>
/// How full the disks holding <paramref name="folders"/> (the repository cache folder and the data folders) are; the
/// fullest decides. A folder that does not exist yet is measured at its nearest existing parent.
/// </summary>
internal sealed class DiskHealthCheck(IReadOnlyList<string> folders, ResourceHealthSettings settings) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["degraded_percent"] = settings.Disk.Degraded,
            ["unhealthy_percent"] = settings.Disk.Unhealthy,
        };
        var worst = HealthStatus.Healthy;
        var fullest = -1d;
        var disks = new List<object>();
        foreach (var folder in folders)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var drive = new DriveInfo(NearestExisting(folder));
            var used = drive.TotalSize == 0 ? 0 : Math.Round(100d * (drive.TotalSize - drive.AvailableFreeSpace) / drive.TotalSize, 2);
            var status = settings.Disk.StatusOf(used);
            if (status < worst) worst = status;
            fullest = Math.Max(fullest, used);
            disks.Add(new Dictionary<string, object>(StringComparer.Ordinal)
            {
                ["folder"] = folder,
                ["used_percent"] = used,
                ["free_bytes"] = drive.AvailableFreeSpace,
                ["total_bytes"] = drive.TotalSize,
                ["status"] = status.ToString(),
            });
        }

        data["disks"] = disks;
        var description = disks.Count == 0
            ? "No folder to measure."
            : $"Fullest disk {fullest:0.##} % used ({settings.Disk.Describe(worst)}).";
        return Task.FromResult(new HealthCheckResult(worst, description, data: data));
    }

    private static string NearestExisting(string folder)
    {
        var path = Path.GetFullPath(folder);
        while (!Directory.Exists(path) && Path.GetDirectoryName(path) is { } parent) path = parent;
        return path;
    }
}
