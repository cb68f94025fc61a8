using System.Runtime.InteropServices;
using LibGit2Sharp;

namespace PromptWatch.Scanning.Native;

/// <summary>A 20-byte Git object id laid out as libgit2's <c>git_oid</c>: a value type, cheap to hash and compare.</summary>
[StructLayout(LayoutKind.Sequential, Size = 20)]
internal readonly struct GitOid : IEquatable<GitOid>
{
    private readonly ulong _first;
    private readonly ulong _second;
    private readonly uint _third;

    public static GitOid From(ObjectId id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return MemoryMarshal.Read<GitOid>(id.RawId);
    }

    public ObjectId ToObjectId()
    {
        var bytes = new byte[20];
        MemoryMarshal.Write(bytes, in this);
        return new ObjectId(bytes);
    }

    /// <summary>The id as 40 lower-case hexadecimal digits, without an <see cref="ObjectId"/> in between.</summary>
    public string ToSha() => Convert.ToHexStringLower(MemoryMarshal.AsBytes(new ReadOnlySpan<GitOid>(in this)));

    public bool Equals(GitOid other) => _first == other._first && _second == other._second && _third == other._third;

    public override bool Equals(object? obj) => obj is GitOid other && Equals(other);

    public override int GetHashCode() => (int)_first;

    public static bool operator ==(GitOid left, GitOid right) => left.Equals(right);

    public static bool operator !=(GitOid left, GitOid right) => !left.Equals(right);
}
