using System.Diagnostics;
using System.Text;
using MultiCloud.CloudDoubles;
using MultiCloud.Engine.Client;
using MultiCloud.Engine.Model;
using MultiCloud.Providers.Tests.Clusters;
using Xunit;

namespace MultiCloud.Cli.Tests;

/// <summary>
/// The `multicloud` console host as a process of its own, against the cloud doubles of the shipped hybrid example
/// (Entra ID + ARM with two subscriptions, EC2, Hetzner, Cloudflare on 127.0.0.1), with every secret in its
/// environment: a plan (which asks every catalogue, so every credential is used) and an apply that fails part way
/// (the clouds' quota refuses the first VMs), both with --debug. No secret — nor its base64 — is in what the process
/// printed, its run logs or anything else it left in the state folder.
/// </summary>
public sealed class SecretLeakTests : IAsyncLifetime
{
    private readonly CliSandbox sandbox = new();
    private readonly Dictionary<string, string> environment = new(StringComparer.Ordinal);
    private HybridDoubles hybrid = null!;
    private string manifest = null!;

    public async Task InitializeAsync()
    {
        hybrid = await HybridDoubles.StartAsync(Path.Combine(sandbox.Root, "doubles"), new AddressOnlyMachineBackend());
        var client = new MultiCloudClient(new MultiCloudClientOptions { StateDirectory = sandbox.StateDirectory });
        var spec = hybrid.Adapt(client.LoadExample("hybrid").Single(), pool => pool is StaticNodePoolSpec own
            ? own with { Nodes = own.Nodes.Select(node => node with { PrivateKey = null, HostKeyFingerprint = null }).ToList() }
            : pool);
        manifest = sandbox.WriteFile("hybrid.yaml", client.ExportManifest(new[] { spec with { Providers = spec.Providers.Select(FromEnvironment).ToList() } }));
    }

    public async Task DisposeAsync()
    {
        await hybrid.DisposeAsync();
        sandbox.Dispose();
    }

    /// <summary>Every credential of the provider read from an environment variable of the child process, holding the doubles' secret.</summary>
    private ProviderSpec FromEnvironment(ProviderSpec provider) => provider with
    {
        Credentials = provider.Credentials.ToDictionary(c => c.Key, c =>
        {
            var variable = ("MC_TEST_" + provider.Name + "_" + c.Key).Replace('-', '_').ToUpperInvariant();
            environment[variable] = hybrid.Secrets[c.Value.Reference];
            return new CredentialRef(CredentialSource.Env, variable);
        }),
    };

    [Fact]
    public async Task PlanAndFailingApply_ConsoleHostProcessWithDebug_NoSecretInOutputLogsOrState()
    {
        var plan = await RunAsync("plan", manifest, "--debug");
        hybrid.Doubles.Failures.FailNext("PUT virtualMachines", InjectedFailure.QuotaExceeded, times: 2);
        var apply = await RunAsync("apply", manifest, "--yes", "--debug");

        Assert.True(plan.ExitCode == 0, plan.Stderr);
        Assert.DoesNotContain("cloud catalogues not checked", plan.Stdout);
        Assert.NotEqual(0, apply.ExitCode);
        Assert.Contains("CloudQuotaExceeded", apply.Stderr);
        Assert.Contains(hybrid.Ledger.Calls, c => c.Api == "hetzner" && c.Operation == "GET /server_types");
        Assert.Contains(hybrid.Ledger.Calls, c => c.Api == "ec2" && c.Status == 200);
        Assert.NotEmpty(hybrid.Azure.Directory.Tokens.Keys);

        var secrets = hybrid.SecretValues.Concat(hybrid.Azure.Directory.Tokens.Keys).ToList();
        var forms = secrets.SelectMany(s => new[] { s, Convert.ToBase64String(Encoding.UTF8.GetBytes(s)) }).ToList();
        var texts = new[] { ("plan stdout", plan.Stdout), ("plan stderr", plan.Stderr), ("apply stdout", apply.Stdout), ("apply stderr", apply.Stderr) }
            .Concat(Directory.GetFiles(sandbox.StateDirectory, "*", SearchOption.AllDirectories).Select(f => (f, File.ReadAllText(f)))).ToList();
        Assert.Contains(texts, t => t.Item1.Contains(Path.Combine("logs", ""), StringComparison.Ordinal));
        foreach (var (where, text) in texts)
        {
            var leaked = forms.FirstOrDefault(secret => text.Contains(secret, StringComparison.Ordinal));
            Assert.True(leaked is null, $"a secret (or its base64) is in {where}");
        }
    }

    /// <summary>Runs the built console host (multicloud.dll beside this test) with the secrets in its environment; ends it if it takes over two minutes.</summary>
    private async Task<CliResult> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "exec", "--runtimeconfig", Path.Combine(AppContext.BaseDirectory, "MultiCloud.Cli.Tests.runtimeconfig.json"),
                     "--depsfile", Path.Combine(AppContext.BaseDirectory, "multicloud.deps.json"), Path.Combine(AppContext.BaseDirectory, "multicloud.dll") }
                     .Concat(args).Concat(new[] { "--state", sandbox.StateDirectory }))
            start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        start.Environment["HOME"] = sandbox.Root;
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"multicloud {string.Join(' ', args)} did not end within two minutes");
        }
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}
