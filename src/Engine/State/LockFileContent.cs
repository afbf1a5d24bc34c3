using System;
using System.IO;
using System.Text;
using System.Text.Json;

namespace MultiCloud.Engine.State
{
    /// <summary>
    /// What lock.json holds: the holder, for people reading the message, and a lease id that only the run
    /// holding the lock knows, so a save can tell its own lock from one taken after it was broken.
    /// </summary>
    internal sealed record LockFileContent
    {
        public required string Operation { get; init; }
        public int ProcessId { get; init; }
        public required string HostName { get; init; }
        public required string User { get; init; }
        public DateTimeOffset Since { get; init; }
        public required string LeaseId { get; init; }

        public LockHolder ToHolder() => new LockHolder(Operation, ProcessId, HostName, User, Since);

        public static LockFileContent For(LockHolder holder, string leaseId) => new LockFileContent
        {
            Operation = holder.Operation,
            ProcessId = holder.ProcessId,
            HostName = holder.HostName,
            User = holder.User,
            Since = holder.Since,
            LeaseId = leaseId,
        };

        public byte[] ToUtf8() => Encoding.UTF8.GetBytes(JsonSerializer.Serialize(this, StateJson.Options));

        /// <summary>The lock file's content; null when there is no lock file or it cannot be read (yet).</summary>
        public static LockFileContent? TryRead(string path)
        {
            try
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var reader = new StreamReader(stream, Encoding.UTF8);
                return JsonSerializer.Deserialize<LockFileContent>(reader.ReadToEnd(), StateJson.Options);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is JsonException)
            {
                return null;
            }
        }
    }
}
