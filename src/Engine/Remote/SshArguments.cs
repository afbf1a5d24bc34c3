using System.Collections.Generic;
using System.Globalization;
using System.Runtime.InteropServices;

namespace MultiCloud.Engine.Remote
{
    /// <summary>How ssh should treat the host key of one connection.</summary>
    internal enum HostKeyCheck
    {
        /// <summary>Only the key in the known_hosts file is accepted.</summary>
        Pinned,
        /// <summary>First contact: accept and record whatever key the host presents (then checked by the caller).</summary>
        Learn,
    }

    /// <summary>Builds ssh command lines: every behaviour given explicitly, no user or system ssh_config involved.</summary>
    internal sealed class SshArguments
    {
        private static readonly bool IsWindows = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);
        private static readonly string NullDevice = IsWindows ? "NUL" : "/dev/null";

        private readonly SshOptions options;
        private readonly string controlDirectory;

        public SshArguments(SshOptions options, string controlDirectory)
        {
            this.options = options;
            this.controlDirectory = controlDirectory;
        }

        /// <summary>Connection multiplexing needs Unix sockets; the Windows OpenSSH client has none.</summary>
        public static bool SupportsMultiplexing => !IsWindows;

        /// <summary>Arguments that run <paramref name="remoteCommand"/> on the target.</summary>
        public IReadOnlyList<string> Run(SshTarget target, string knownHostsPath, HostKeyCheck check, string remoteCommand)
        {
            var arguments = new List<string>
            {
                "-F", "none",
                "-i", target.PrivateKeyPath,
                "-o", "IdentitiesOnly=yes",
                "-o", "BatchMode=yes",
                "-o", "ConnectTimeout=" + Number(options.ConnectTimeoutSeconds),
                "-o", "ServerAliveInterval=" + Number(options.ServerAliveIntervalSeconds),
                "-o", "ServerAliveCountMax=" + Number(options.ServerAliveCountMax),
                "-o", "StrictHostKeyChecking=" + (check == HostKeyCheck.Pinned ? "yes" : "accept-new"),
                "-o", "UserKnownHostsFile=" + PathValue(knownHostsPath),
                "-o", "GlobalKnownHostsFile=" + NullDevice,
                "-o", "HostKeyAlias=" + KnownHostsFile.AliasFor(target.NodeName),
                "-o", "HashKnownHosts=no",
                "-o", "UpdateHostKeys=no",
                "-o", "LogLevel=ERROR",
            };
            AddMultiplexing(arguments, persist: true);
            AddDestination(arguments, target);
            arguments.Add(remoteCommand);
            return arguments;
        }

        /// <summary>Arguments that tell the target's master connection to exit.</summary>
        public IReadOnlyList<string> ExitMaster(SshTarget target)
        {
            var arguments = new List<string> { "-F", "none", "-o", "LogLevel=QUIET" };
            AddMultiplexing(arguments, persist: false);
            arguments.Add("-O");
            arguments.Add("exit");
            AddDestination(arguments, target);
            return arguments;
        }

        private void AddMultiplexing(List<string> arguments, bool persist)
        {
            if (!SupportsMultiplexing) return;
            arguments.Add("-o");
            arguments.Add("ControlPath=" + PathValue(System.IO.Path.Combine(controlDirectory, "%C")).Replace("%%C", "%C"));
            if (!persist) return;
            arguments.Add("-o");
            arguments.Add("ControlMaster=auto");
            arguments.Add("-o");
            arguments.Add("ControlPersist=" + Number(options.ControlPersistSeconds));
        }

        private static void AddDestination(List<string> arguments, SshTarget target)
        {
            arguments.Add("-p");
            arguments.Add(Number(target.Port));
            arguments.Add("-l");
            arguments.Add(target.User);
            arguments.Add("--");
            arguments.Add(target.Host);
        }

        /// <summary>ssh expands %-tokens in these paths and splits them on whitespace unless quoted.</summary>
        private static string PathValue(string path)
        {
            var escaped = path.Replace("%", "%%");
            return escaped.IndexOfAny(new[] { ' ', '\t' }) >= 0 ? "\"" + escaped + "\"" : escaped;
        }

        private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
