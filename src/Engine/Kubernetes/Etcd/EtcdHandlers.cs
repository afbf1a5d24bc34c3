using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using MultiCloud.Engine.Execution;
using MultiCloud.Engine.Nodes;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.Remote;
using MultiCloud.Engine.State;

namespace MultiCloud.Engine.Kubernetes.Etcd
{
    /// <summary>
    /// The first etcd member: a CA made in process (or the one already on the node, when a run that made it stopped),
    /// the member's certificates, etcd installed and started as a one-member cluster.
    /// </summary>
    public sealed class StartEtcdHandler : IStepHandler
    {
        public StepKind Kind => StepKind.StartEtcd;

        public async Task<StateUpdate?> RunAsync(StepContext context, string target, CancellationToken cancellationToken)
        {
            var node = NodeAccess.RegisteredNode(context, target);
            var connection = await NodeAccess.ConnectAsync(context, target, cancellationToken).ConfigureAwait(false);
            var authority = await EtcdMembers.ExistingAuthorityAsync(context, connection.Target, cancellationToken).ConfigureAwait(false)
                ?? EtcdPki.NewAuthority(context.Desired.Name);
            var self = EtcdMembers.MemberOf(node);
            await EtcdMembers.InstallAsync(context, connection.Target, authority, self, new[] { self }, newCluster: true, cancellationToken).ConfigureAwait(false);
            return NodeStateUpdates.Change(target, current => NodeStateUpdates.WithHostKey(current, connection.LearnedHostKey) with { EtcdMember = true });
        }
    }

    /// <summary>
    /// A further member, one at a time: etcdctl member add on a running member (skipped when the member is already
    /// listed, so a stopped run never adds it twice), the CA copied from that member, certificates, etcd started with
    /// initial-cluster-state=existing.
    /// </summary>
    public sealed class AddEtcdMemberHandler : IStepHandler
    {
        public StepKind Kind => StepKind.AddEtcdMember;

        public async Task<StateUpdate?> RunAsync(StepContext context, string target, CancellationToken cancellationToken)
        {
            var node = NodeAccess.RegisteredNode(context, target);
            var source = await NodeAccess.ConnectAsync(context, EtcdMembers.RunningMember(context, target), cancellationToken).ConfigureAwait(false);
            var authority = await EtcdMembers.ExistingAuthorityAsync(context, source.Target, cancellationToken).ConfigureAwait(false)
                ?? throw new MultiCloudException(ErrorIds.StepFailed, ErrorKind.InvalidData,
                    $"etcd member {source.Target.NodeName} has no CA key in {EtcdConfig.Pki}; the cluster's etcd CA is lost, so {target} cannot be added") { Target = target };
            var self = EtcdMembers.MemberOf(node);
            var added = await context.Services.Remote.RunScriptAsync(source.Target, "add etcd member " + target, EtcdScripts.AddMember(self), false, cancellationToken).ConfigureAwait(false);
            var cluster = EtcdMembers.ParseInitialCluster(ScriptReport.Parse(added.StandardOutput).Require("initial-cluster", source.Target.NodeName, "etcd member add"));

            var connection = await NodeAccess.ConnectAsync(context, target, cancellationToken).ConfigureAwait(false);
            await EtcdMembers.InstallAsync(context, connection.Target, authority, self, cluster, newCluster: false, cancellationToken).ConfigureAwait(false);
            return NodeStateUpdates.Change(target, current => NodeStateUpdates.WithHostKey(current, connection.LearnedHostKey) with { EtcdMember = true });
        }
    }

    /// <summary>etcdctl member remove of a leaving control node, run on a member that stays.</summary>
    public sealed class RemoveEtcdMemberHandler : IStepHandler
    {
        public StepKind Kind => StepKind.RemoveEtcdMembers;

        public async Task<StateUpdate?> RunAsync(StepContext context, string target, CancellationToken cancellationToken)
        {
            var node = NodeAccess.RegisteredNode(context, target);
            var source = await NodeAccess.ConnectAsync(context, EtcdMembers.RunningMember(context, target), cancellationToken).ConfigureAwait(false);
            var result = await context.Services.Remote.RunScriptAsync(source.Target, "remove etcd member " + target, EtcdScripts.RemoveMember(EtcdMembers.MemberOf(node)), false, cancellationToken)
                .ConfigureAwait(false);
            var removed = ScriptReport.Parse(result.StandardOutput).Require("removed", source.Target.NodeName, "etcd member remove");
            context.Services.Log.Write(LogLevel.Verbose, $"{target}: etcd member removed={removed} (on {source.Target.NodeName})");
            return NodeStateUpdates.Change(target, current => current with { EtcdMember = false });
        }
    }

    /// <summary>What the etcd handlers share.</summary>
    internal static class EtcdMembers
    {
        public static EtcdMember MemberOf(NodeState node) => new EtcdMember(node.Name, node.MeshAddress);

        /// <summary>A member to run etcdctl on: one that stays (by name), else any other member.</summary>
        public static string RunningMember(StepContext context, string except) =>
            context.State.Nodes.Where(n => n.EtcdMember && n.Name != except)
                .OrderBy(n => context.Plan.RemovedNodes.Contains(n.Name) ? 1 : 0).ThenBy(n => n.Name, NodeNameOrder.Instance)
                .Select(n => n.Name).FirstOrDefault()
            ?? throw new MultiCloudException(ErrorIds.StepFailed, ErrorKind.InvalidData,
                $"no running etcd member other than {except} is recorded, so etcdctl has nowhere to run") { Target = except };

        /// <summary>The CA already on a member (its key read encrypted), or null when the node has none.</summary>
        public static async Task<PemKeyPair?> ExistingAuthorityAsync(StepContext context, SshTarget member, CancellationToken cancellationToken)
        {
            var probe = await context.Services.Remote.RunScriptAsync(member, "look for etcd's CA", EtcdScripts.Probe(), false, cancellationToken).ConfigureAwait(false);
            var report = ScriptReport.Parse(probe.StandardOutput);
            if (report.Require("ca", member.NodeName, "etcd probe") != "present") return null;
            var certificate = Encoding.ASCII.GetString(Convert.FromBase64String(report.Require("ca-cert", member.NodeName, "etcd probe")));
            var key = await SecretFiles.ReadAsync(context.Services.Remote, member, EtcdConfig.Pki + "/ca.key", cancellationToken).ConfigureAwait(false);
            context.Services.Remote.Redact(key.Trim());
            return new PemKeyPair(certificate, key);
        }

        /// <summary>Issues the member's certificates and runs the install script; the keys are redacted before they are sent.</summary>
        public static async Task InstallAsync(StepContext context, SshTarget target, PemKeyPair authority, EtcdMember self, IReadOnlyList<EtcdMember> cluster,
            bool newCluster, CancellationToken cancellationToken)
        {
            var names = new[] { self.Name, "localhost" };
            var addresses = new[] { IPAddress.Parse(self.MeshAddress), IPAddress.Loopback };
            var files = new EtcdMemberFiles(
                authority,
                EtcdPki.Issue(authority, self.Name, CertificateUse.Server, names, addresses),
                EtcdPki.Issue(authority, self.Name, CertificateUse.Peer, names, addresses),
                EtcdPki.Issue(authority, "kube-apiserver-etcd-client", CertificateUse.Client, new string[0], new IPAddress[0]),
                EtcdConfig.Render(context.Desired.Name, self, cluster, newCluster));
            foreach (var key in new[] { files.Authority, files.Server, files.Peer, files.Client }) context.Services.Remote.Redact(key.PrivateKeyPem.Trim());

            var version = KubernetesVersions.Etcd(context.Desired);
            var archive = KubernetesSourceUrls.For(context.Desired).EtcdArchive(version, "${arch}");
            var result = await context.Services.Remote.RunScriptAsync(target, "install and start etcd", EtcdScripts.Install(version, archive, files), false, cancellationToken)
                .ConfigureAwait(false);
            ScriptReport.Parse(result.StandardOutput).Require("health", target.NodeName, "etcd install");
        }

        /// <summary>"a=https://10.0.0.1:2380,b=https://10.0.0.2:2380" as members.</summary>
        public static IReadOnlyList<EtcdMember> ParseInitialCluster(string text) =>
            text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(entry =>
            {
                var equals = entry.IndexOf('=');
                var url = new Uri(entry.Substring(equals + 1));
                return new EtcdMember(entry.Substring(0, equals), url.Host);
            }).ToList();
    }
}
