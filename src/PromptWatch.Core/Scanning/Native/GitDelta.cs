namespace PromptWatch.Scanning.Native;

/// <summary>Applies a git pack delta (the base's size, the result's size, then copy and insert instructions) to its base.</summary>
internal static class GitDelta
{
    /// <summary>The object <paramref name="delta"/> makes of <paramref name="baseData"/>; <see langword="false"/> when the delta does not fit it.</summary>
    public static bool TryApply(ReadOnlySpan<byte> baseData, ReadOnlySpan<byte> delta, int maxResultBytes, out byte[] result)
    {
        result = [];
        var position = 0;
        if (!TryReadSize(delta, ref position, out var baseSize) || baseSize != baseData.Length) return false;
        if (!TryReadSize(delta, ref position, out var resultSize) || resultSize > maxResultBytes) return false;
        var output = GC.AllocateUninitializedArray<byte>((int)resultSize);
        var written = 0;
        while (position < delta.Length)
        {
            var instruction = delta[position++];
            if ((instruction & 0x80) != 0)
            {
                // Copy from the base: up to four offset bytes and three size bytes, each present when its bit is set.
                long copyOffset = 0;
                long copySize = 0;
                for (var i = 0; i < 4; i++)
                {
                    if ((instruction & (1 << i)) == 0) continue;
                    if (position >= delta.Length) return false;
                    copyOffset |= (long)delta[position++] << (8 * i);
                }

                for (var i = 0; i < 3; i++)
                {
                    if ((instruction & (0x10 << i)) == 0) continue;
                    if (position >= delta.Length) return false;
                    copySize |= (long)delta[position++] << (8 * i);
                }

                if (copySize == 0) copySize = 0x10000;
                if (copyOffset + copySize > baseData.Length || written + copySize > output.Length) return false;
                baseData.Slice((int)copyOffset, (int)copySize).CopyTo(output.AsSpan(written));
                written += (int)copySize;
            }
            else if (instruction != 0)
            {
                // Insert the next bytes of the delta itself.
                if (position + instruction > delta.Length || written + instruction > output.Length) return false;
                delta.Slice(position, instruction).CopyTo(output.AsSpan(written));
                position += instruction;
                written += instruction;
            }
            else
            {
                return false;
            }
        }

        if (written != output.Length) return false;
        result = output;
        return true;
    }

    private static bool TryReadSize(ReadOnlySpan<byte> delta, ref int position, out long size)
    {
        size = 0;
        var shift = 0;
        byte b;
        do
        {
            if (position >= delta.Length || shift > 56) return false;
            b = delta[position++];
            size |= (long)(b & 0x7F) << shift;
            shift += 7;
        }
        while ((b & 0x80) != 0);
        return true;
    }
}
