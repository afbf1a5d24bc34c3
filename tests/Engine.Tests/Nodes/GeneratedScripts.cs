using MultiCloud.Engine.LoadBalancing;
using MultiCloud.Engine.Mesh;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.Nodes;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.Remote;

namespace MultiCloud.Engine.Tests.Nodes;

/// <summary>Every script the node layer generates for the example cluster, by golden file name.</summary>
public static class GeneratedScripts
{
    public static IReadOnlyDictionary<string, string> All()
    {
        var shell = new RecordingShell();
        var lbContext = NodeExample.Context(StepKind.WriteLoadBalancerConfig, new[] { "lb-1" }, shell);
        var lbRoles = WriteLoadBalancerConfigHandler.RolesFor(lbContext, "lb-1");
        var meshContext = NodeExample.Context(StepKind.WriteMeshConfig, NodeExample.Names, shell);
        return new Dictionary<string, string>
        {
            ["nodes/prepare-load-balancer.sh"] = PrepareScript.Render(NodeRole.LoadBalancer),
            ["nodes/prepare-control.sh"] = PrepareScript.Render(NodeRole.Control),
            ["nodes/prepare-compute.sh"] = PrepareScript.Render(NodeRole.Compute),
            ["nodes/release.sh"] = ReleaseScript.Render(),
            ["mesh/mesh-key.sh"] = MeshKeyScript.Render(),
            ["mesh/mesh-config-control-1.sh"] = MeshConfigScript.Render(WriteMeshConfigHandler.RenderFor(meshContext, "control-1")),
            ["lb/nginx-config-lb-1.sh"] = NginxConfigScript.Render(NginxStreamConfig.Render("lb-1", lbRoles), NginxStreamConfig.ListenPorts(lbRoles)),
        };
    }

    /// <summary>Runs bash -n on the script exactly as the transport sends it; returns bash's complaint or "".</summary>
    public static string SyntaxErrors(string script)
    {
        var startInfo = new System.Diagnostics.ProcessStartInfo("bash", "-n")
        {
            RedirectStandardInput = true,
            RedirectStandardError = true,
        };
        using var process = System.Diagnostics.Process.Start(startInfo)!;
        process.StandardInput.Write(RemoteCommand.Wrap(script));
        process.StandardInput.Close();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? "" : errors;
    }
}
