/**
 * Lua scripts of the Redis execution repository. Every key carries the `{orca}` hash tag, so
 * each script touches one Redis Cluster slot.
 */

/**
 * Stores an execution and maintains its indexes. KEYS: doc, lock, meta, appIndex, configIndex,
 * running, active, completed, statusHash, groups, correlation. ARGV: id, json, token, buildTime,
 * status, complete(1/0), now, endTime, configId, groupKey, mode(create|save|saveUnlock), meta.
 * Returns 1 stored, 0 exists (create), -1 lock lost.
 */
export const SAVE_SCRIPT = `
local mode = ARGV[11]
local id = ARGV[1]
if mode == 'create' then
  if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
  if KEYS[11] ~= KEYS[1] then
    if redis.call('SET', KEYS[11], id, 'NX') == false then return 0 end
  end
  redis.call('HSET', KEYS[3], id, ARGV[12])
  redis.call('ZADD', KEYS[4], ARGV[4], id)
  if ARGV[9] ~= '' then redis.call('ZADD', KEYS[5], ARGV[4], id) end
  redis.call('SADD', KEYS[10], ARGV[10])
else
  if redis.call('GET', KEYS[2]) ~= ARGV[3] then return -1 end
  if redis.call('HEXISTS', KEYS[3], id) == 0 then return -1 end
end
redis.call('SET', KEYS[1], ARGV[2])
redis.call('HSET', KEYS[9], id, ARGV[5])
if ARGV[9] ~= '' then
  if ARGV[5] == 'RUNNING' then redis.call('SADD', KEYS[6], id) else redis.call('SREM', KEYS[6], id) end
end
if ARGV[6] == '1' then
  redis.call('ZREM', KEYS[7], id)
  redis.call('ZADD', KEYS[8], ARGV[8], id)
else
  redis.call('ZADD', KEYS[7], ARGV[7], id)
  redis.call('ZREM', KEYS[8], id)
end
if mode == 'saveUnlock' then redis.call('DEL', KEYS[2]) end
return 1
`;

/** Takes the lock (SET NX PX) and returns the document. KEYS: lock, doc. ARGV: token, ttlMs. */
export const LOCK_GET_SCRIPT = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) == false then return {0} end
local doc = redis.call('GET', KEYS[2])
if doc == false then return {1} end
return {1, doc}
`;

/** Releases a lock held with this token. KEYS: lock. ARGV: token. */
export const UNLOCK_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

/**
 * Deletes an execution and its index entries. KEYS: doc, meta, statusHash, active, completed,
 * prefix-less nothing. ARGV: id, keyPrefix. Index keys are derived from the stored meta.
 */
export const DELETE_SCRIPT = `
local id = ARGV[1]
local p = ARGV[2]
local meta = redis.call('HGET', KEYS[2], id)
if meta then
  local m = cjson.decode(meta)
  redis.call('ZREM', p .. ':app:' .. m.application .. ':' .. m.type, id)
  if m.configId and m.configId ~= '' then
    redis.call('ZREM', p .. ':config:' .. m.configId, id)
    redis.call('SREM', p .. ':running:' .. m.configId, id)
    redis.call('ZREM', p .. ':pending:' .. m.configId, id)
  end
  if m.correlation and m.correlation ~= '' then redis.call('DEL', p .. ':corr:' .. m.correlation) end
end
redis.call('DEL', KEYS[1])
redis.call('HDEL', KEYS[2], id)
redis.call('HDEL', KEYS[3], id)
redis.call('ZREM', KEYS[4], id)
redis.call('ZREM', KEYS[5], id)
return 1
`;

/** Extends a lock held with this token. KEYS: lock. ARGV: token, ttlMs. */
export const EXTEND_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
`;
