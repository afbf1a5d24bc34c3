using System;
using System.IO;

namespace MultiCloud.Engine.Remote
{
    /// <summary>The engine errors for each way reaching a node can fail before a script's own exit code counts.</summary>
    internal static class SshErrors
    {
        public static MultiCloudException For(SshFailureKind failure, SshTarget target, string description, string reason, int attempts, string logPath)
        {
            var where = $"node {target.NodeName} ({RunLogWriter.Endpoint(target)})";
            if (failure == SshFailureKind.Authentication)
            {
                return new MultiCloudException(ErrorIds.SshAuthenticationFailed, ErrorKind.PermissionDenied,
                    $"{where} refused the login of user '{target.User}' with the key {target.PrivateKey.Origin} ({reason}); " +
                    $"add its public key to ~{target.User}/.ssh/authorized_keys on the node: {PublicKeyHint(target)}")
                { Target = target.NodeName };
            }

            var tries = attempts == 1 ? "" : $" after {attempts} attempts";
            return new MultiCloudException(ErrorIds.SshConnectionFailed, ErrorKind.Connection,
                $"could not reach {where} for '{description}'{tries}: {reason}; full output: {logPath}")
            { Target = target.NodeName };
        }

        public static MultiCloudException SudoRequired(SshTarget target) =>
            new MultiCloudException(ErrorIds.SudoRequired, ErrorKind.PermissionDenied,
                $"user '{target.User}' on node {target.NodeName} ({RunLogWriter.Endpoint(target)}) cannot run sudo without a password; " +
                "allow it passwordless sudo (NOPASSWD) or connect as root")
            { Target = target.NodeName };

        /// <summary>
        /// Where the user finds the public key to authorize: the .pub beside a key file when there is one (the
        /// cluster's generated key always has one), else the public key itself, derived from the private key here.
        /// </summary>
        private static string PublicKeyHint(SshTarget target)
        {
            var file = target.PrivateKey.Path;
            if (file != null && File.Exists(file + ".pub")) return "it is in " + file + ".pub";
            string derived;
            try
            {
                derived = target.PrivateKey.PublicKey(target.NodeName);
            }
            catch (MultiCloudException)
            {
                return file is null ? "derive it from the private key" : $"derive it with `ssh-keygen -y -f {file}`";
            }
            return file is null
                ? $"derived from the private key, it is '{derived}'"
                : $"derived from the private key (as `ssh-keygen -y -f {file}` prints it), it is '{derived}'";
        }
    }
}
