namespace MultiCloud.Lab.Tests.Infrastructure;

/// <summary>What the lab needs on this machine: root and the programs lab.sh and the tests call.</summary>
public static class LabRequirements
{
    private static readonly string[] Programs =
    {
        "systemd-nspawn", "debootstrap", "ip", "iptables", "jq", "ssh", "ssh-keygen", "flock", "setsid", "mount",
    };

    private static readonly Lazy<string?> Missing = new(Check);

    /// <summary>Why the lab cannot run here, or null when it can.</summary>
    public static string? MissingRequirement() => Missing.Value;

    /// <summary>Under CI=true a missing lab fails the run instead of skipping it.</summary>
    public static bool IsCi => Environment.GetEnvironmentVariable("CI") == "true";

    private static string? Check()
    {
        if (!OperatingSystem.IsLinux()) return "the lab runs on Linux only";
        if (!IsRootUid())
            return "the lab needs root (network namespaces, mounts, iptables); run the lab tests as root";
        var missing = Programs.Where(program => !OnPath(program)).ToList();
        if (missing.Count > 0) return "the lab needs " + string.Join(", ", missing) + " (tests/lab/requirements.sh installs them)";
        if (!File.Exists(RepositoryRoot.LabScript)) return "tests/lab/lab.sh is missing";
        return null;
    }

    private static bool IsRootUid()
    {
        // /proc/self/status "Uid: real effective saved fs"; the effective id decides.
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal));
        var fields = line?.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return fields != null && fields.Length > 2 && fields[2] == "0";
    }

    private static bool OnPath(string program)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        var folders = path.Split(':', StringSplitOptions.RemoveEmptyEntries).Concat(new[] { "/usr/sbin", "/sbin" });
        return folders.Any(folder => File.Exists(Path.Combine(folder, program)));
    }
}
