namespace PromptWatch.Redis;

/// <summary>The Lua scripts the store runs; Redis runs each atomically, so no other client sees a half-done step.</summary>
internal static class RedisScripts
{
    /// <summary>
    /// INCRBY, and an expiry only when the key did not exist, so a bucket disappears its lifetime after its creation
    /// however often it is incremented. KEYS[1] the counter; ARGV[1] the delta, ARGV[2] the lifetime in milliseconds.
    /// </summary>
    public const string Increment = """
        local created = redis.call('EXISTS', KEYS[1]) == 0
        local value = redis.call('INCRBY', KEYS[1], ARGV[1])
        if created then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
        return value
        """;

    /// <summary>
    /// Apply-once: when the marker KEYS[1] exists nothing changes, and 2 is returned when it holds the attempt id ARGV[2]
    /// ("attempt:" and the caller's id: an earlier call of the same attempt applied the increments), 0 otherwise. Otherwise every counter is first
    /// checked to hold an integer (so that no INCRBY can fail half-way: all or nothing), then the marker is set to the
    /// attempt id with its lifetime ARGV[1] (milliseconds; 0 sets none, as a marker that expires at once) and each
    /// counter KEYS[i] (i from 2) gets INCRBY ARGV[2i-1] and, when it was created here and ARGV[2i] is not empty,
    /// PEXPIRE ARGV[2i]; 1 is returned.
    /// </summary>
    public const string ApplyOnce = """
        local set = redis.call('GET', KEYS[1])
        if set then
          if set == ARGV[2] then return 2 end
          return 0
        end
        for i = 2, #KEYS do
          local current = redis.call('GET', KEYS[i])
          if current and not string.match(current, '^%-?%d+$') then
            return redis.error_reply('ERR the value of ' .. KEYS[i] .. ' is not an integer; nothing was applied')
          end
        end
        local lifetime = tonumber(ARGV[1])
        if lifetime > 0 then redis.call('SET', KEYS[1], ARGV[2], 'PX', lifetime) end
        for i = 2, #KEYS do
          local created = redis.call('EXISTS', KEYS[i]) == 0
          redis.call('INCRBY', KEYS[i], ARGV[2 * i - 1])
          local expiry = ARGV[2 * i]
          if created and expiry ~= '' then redis.call('PEXPIRE', KEYS[i], expiry) end
        end
        return 1
        """;
}
