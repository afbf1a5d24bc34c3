using System;

namespace MultiCloud.Engine
{
    /// <summary>Broad class of a failure; front ends map it to their own categories (PowerShell ErrorCategory, exit codes).</summary>
    public enum ErrorKind
    {
        InvalidArgument,
        InvalidData,
        NotFound,
        AlreadyExists,
        Busy,
        Connection,
        PermissionDenied,
        Security,
        NotSupported,
        Canceled,
        Failed,
    }

    /// <summary>
    /// The one root exception of the engine. <see cref="ErrorId"/> is stable and catalogued in docs/errors.md;
    /// messages never hold secrets, and control characters in them are escaped (<see cref="DisplayText"/>), so a
    /// value from a manifest or state cannot steer the terminal of whoever reads the message.
    /// </summary>
    public class MultiCloudException : Exception
    {
        public MultiCloudException(string errorId, ErrorKind kind, string message, Exception? inner = null)
            : base(DisplayText.Escape(message, keepLineBreaks: true), inner)
        {
            ErrorId = errorId;
            Kind = kind;
        }

        public string ErrorId { get; }
        public ErrorKind Kind { get; }

        /// <summary>What the failure was about (cluster, pool, node, file), for front ends that show a target.</summary>
        public string? Target { get; init; }

        /// <summary>A step that fails because its real implementation arrives in a later release.</summary>
        public static MultiCloudException NotSupportedYet(string what) =>
            new MultiCloudException(ErrorIds.NotSupportedYet, ErrorKind.NotSupported, "not supported yet: " + what);
    }
}
