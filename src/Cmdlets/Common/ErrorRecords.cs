using System.Management.Automation;
using MultiCloud.Engine;

namespace MultiCloud.Cmdlets
{
    /// <summary>Turns engine failures into PowerShell error records with the engine's stable id.</summary>
    internal static class ErrorRecords
    {
        /// <summary>ErrorId is the engine's id (PowerShell appends the cmdlet's type), the target is what failed.</summary>
        public static ErrorRecord From(MultiCloudException exception) =>
            new ErrorRecord(exception, exception.ErrorId, CategoryOf(exception.Kind), exception.Target);

        public static ErrorCategory CategoryOf(ErrorKind kind)
        {
            switch (kind)
            {
                case ErrorKind.InvalidArgument: return ErrorCategory.InvalidArgument;
                case ErrorKind.InvalidData: return ErrorCategory.InvalidData;
                case ErrorKind.NotFound: return ErrorCategory.ObjectNotFound;
                case ErrorKind.AlreadyExists: return ErrorCategory.ResourceExists;
                case ErrorKind.Busy: return ErrorCategory.ResourceBusy;
                case ErrorKind.Connection: return ErrorCategory.ConnectionError;
                case ErrorKind.PermissionDenied: return ErrorCategory.PermissionDenied;
                case ErrorKind.Security: return ErrorCategory.SecurityError;
                case ErrorKind.NotSupported: return ErrorCategory.NotImplemented;
                case ErrorKind.Canceled: return ErrorCategory.OperationStopped;
                default: return ErrorCategory.NotSpecified;
            }
        }
    }
}
