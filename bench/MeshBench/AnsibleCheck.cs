using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace MultiCloud.Bench.Mesh;

/// <summary>
/// The comparison for the refresh: bench/ansible/refresh-check.yml, which reads on every host what the refresh reads,
/// run by ansible-playbook (Debian's ansible-core) against the same lab hosts with the same parallelism (8 forks) and
/// SSH connection reuse (ControlPersist, pipelining). Python, which Ansible needs on the hosts and cloud images have,
/// is installed on the lab hosts first and not timed.
/// </summary>
internal static class AnsibleCheck
{
    public static bool Available() => Exec("ansible-playbook", new[] { "--version" }, null).ExitCode == 0;

    public static void InstallPython(LabHosts lab, IReadOnlyList<LabHost> hosts) =>
        Parallel.ForEach(hosts, host => lab.Ssh(host, "command -v python3 >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends python3 >/dev/null"));

    /// <summary>Runs the playbook once; the wall time, and the recap's tasks per host.</summary>
    public static (TimeSpan Wall, string Recap) Run(string playbook, string keyPath, BenchCluster cluster)
    {
        var folder = Path.Combine(Path.GetTempPath(), "mc-bench-ansible-" + Guid.NewGuid().ToString("N").Substring(0, 8));
        Directory.CreateDirectory(folder);
        try
        {
            var inventory = new StringBuilder("[lb]\n").Append(cluster.LoadBalancer.Address).Append('\n').Append("[nodes]\n");
            foreach (var host in cluster.Control.Concat(cluster.Compute)) inventory.Append(host.Address).Append('\n');
            File.WriteAllText(Path.Combine(folder, "inventory"), inventory.ToString());
            File.WriteAllText(Path.Combine(folder, "ansible.cfg"),
                "[defaults]\nforks = 8\nhost_key_checking = False\ninterpreter_python = /usr/bin/python3\n" +
                $"private_key_file = {keyPath}\nremote_user = root\nstdout_callback = default\n" +
                "[ssh_connection]\npipelining = True\nssh_args = -o ControlMaster=auto -o ControlPersist=60s -o UserKnownHostsFile=/dev/null\n");
            var clock = Stopwatch.StartNew();
            var result = Exec("ansible-playbook", new[] { "-i", Path.Combine(folder, "inventory"), playbook }, folder);
            clock.Stop();
            if (result.ExitCode != 0) throw new InvalidOperationException("ansible-playbook failed:\n" + result.Output);
            var recap = result.Output.Split('\n').SkipWhile(line => !line.StartsWith("PLAY RECAP", StringComparison.Ordinal)).Skip(1)
                .Where(line => line.Contains("ok=", StringComparison.Ordinal)).Select(line => line.Split(':')[0].Trim() + " " + line.Split("ok=")[1].Split(' ')[0] + " tasks");
            return (clock.Elapsed, string.Join(", ", recap));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static (int ExitCode, string Output) Exec(string program, IEnumerable<string> arguments, string? workingDirectory)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (workingDirectory != null)
        {
            start.WorkingDirectory = workingDirectory;
            start.Environment["ANSIBLE_CONFIG"] = Path.Combine(workingDirectory, "ansible.cfg");
        }
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        try
        {
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output + error.Result);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (127, e.Message);
        }
    }

    public static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);
}
