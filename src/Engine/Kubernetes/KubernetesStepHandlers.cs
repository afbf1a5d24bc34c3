using System;
using System.Collections.Generic;
using MultiCloud.Engine.Execution;
using MultiCloud.Engine.Kubernetes.Api;
using MultiCloud.Engine.Kubernetes.Etcd;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.Storage;

namespace MultiCloud.Engine.Kubernetes
{
    /// <summary>The step handlers of the Kubernetes and storage layers for one run; they share one <see cref="ClusterAccess"/>.</summary>
    public static class KubernetesStepHandlers
    {
        public static IReadOnlyList<IStepHandler> All(Func<KubernetesApiSetup, IKubernetesApi> connect, KubernetesOptions options)
        {
            var access = new ClusterAccess(connect, options);
            return new IStepHandler[]
            {
                new PrepareKubernetesNodesHandler(),
                new StartEtcdHandler(),
                new AddEtcdMemberHandler(),
                new InitControlPlaneHandler(access),
                new JoinNodesHandler(access, StepKind.JoinControlPlane),
                new JoinNodesHandler(access, StepKind.JoinWorkers),
                new ApplyNodeMetadataHandler(access),
                new InstallLonghornHandler(access),
                new DrainNodesHandler(access),
                new RemoveEtcdMemberHandler(),
                new DeleteKubernetesNodesHandler(access),
                new ResetKubernetesNodesHandler(),
            };
        }
    }
}
