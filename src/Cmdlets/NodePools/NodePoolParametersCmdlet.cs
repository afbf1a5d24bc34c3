using System.Collections;
using System.Management.Automation;
using MultiCloud.Engine.Model;

namespace MultiCloud.Cmdlets
{
    /// <summary>
    /// The parameters that describe one node pool, shared by New-MCNodePool (which returns the pool) and
    /// Add-MCNodePool (which adds it to a cluster): a dynamic pool with a fixed count or autoscaler bounds, or a
    /// static pool of machines the user owns.
    /// </summary>
    public abstract class NodePoolParametersCmdlet : MultiCloudCmdlet
    {
        protected const string DynamicParameterSet = "Dynamic";
        protected const string DynamicAutoscaledParameterSet = "DynamicAutoscaled";
        protected const string StaticParameterSet = "Static";

        /// <summary>Name of the pool; node names derive from it.</summary>
        [Parameter(Mandatory = true, ParameterSetName = DynamicParameterSet)]
        [Parameter(Mandatory = true, ParameterSetName = DynamicAutoscaledParameterSet)]
        [Parameter(Mandatory = true, ParameterSetName = StaticParameterSet)]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = "";

        /// <summary>Control plane, compute (workers) or load balancer nodes.</summary>
        [Parameter(Mandatory = true, ParameterSetName = DynamicParameterSet)]
        [Parameter(Mandatory = true, ParameterSetName = DynamicAutoscaledParameterSet)]
        [Parameter(Mandatory = true, ParameterSetName = StaticParameterSet)]
        public NodeRole Role { get; set; }

        /// <summary>For -Role LoadBalancer: the load balancer whose nodes these are.</summary>
        [Parameter(ParameterSetName = DynamicParameterSet)]
        [Parameter(ParameterSetName = DynamicAutoscaledParameterSet)]
        [Parameter(ParameterSetName = StaticParameterSet)]
        [ValidateNotNullOrEmpty]
        public string? LoadBalancer { get; set; }

        /// <summary>Name of one of the cluster's providers (see New-MCProvider).</summary>
        [Parameter(Mandatory = true, ParameterSetName = DynamicParameterSet)]
        [Parameter(Mandatory = true, ParameterSetName = DynamicAutoscaledParameterSet)]
        [ValidateNotNullOrEmpty]
        public string Provider { get; set; } = "";

        [Parameter(Mandatory = true, ParameterSetName = DynamicParameterSet)]
        [Parameter(Mandatory = true, ParameterSetName = DynamicAutoscaledParameterSet)]
        [ValidateNotNullOrEmpty]
        public string Region { get; set; } = "";

        [Parameter(ParameterSetName = DynamicParameterSet)]
        [Parameter(ParameterSetName = DynamicAutoscaledParameterSet)]
        [ValidateNotNullOrEmpty]
        public string? Zone { get; set; }

        /// <summary>The provider's machine size, such as Standard_B2s or cpx21.</summary>
        [Parameter(Mandatory = true, ParameterSetName = DynamicParameterSet)]
        [Parameter(Mandatory = true, ParameterSetName = DynamicAutoscaledParameterSet)]
        [ValidateNotNullOrEmpty]
        public string ServerType { get; set; } = "";

        [Parameter(Mandatory = true, ParameterSetName = DynamicParameterSet)]
        [Parameter(Mandatory = true, ParameterSetName = DynamicAutoscaledParameterSet)]
        [ValidateNotNullOrEmpty]
        public string Image { get; set; } = "";

        [Parameter(Mandatory = true, ParameterSetName = DynamicParameterSet)]
        public int Count { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = DynamicAutoscaledParameterSet)]
        public int AutoscalerMin { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = DynamicAutoscaledParameterSet)]
        public int AutoscalerMax { get; set; }

        [Parameter(ParameterSetName = DynamicParameterSet)]
        [Parameter(ParameterSetName = DynamicAutoscaledParameterSet)]
        public int? DiskSizeGb { get; set; }

        /// <summary>Machines of a static pool: "host", "host:port", "user@host" or "user@host:port".</summary>
        [Parameter(Mandatory = true, ParameterSetName = StaticParameterSet)]
        [ValidateNotNullOrEmpty]
        public string[] Endpoint { get; set; } = new string[0];

        /// <summary>SSH user for endpoints that do not name one; root when omitted.</summary>
        [Parameter(ParameterSetName = StaticParameterSet)]
        [ValidateNotNullOrEmpty]
        public string? User { get; set; }

        /// <summary>SSH port for endpoints that do not name one; 22 when omitted.</summary>
        [Parameter(ParameterSetName = StaticParameterSet)]
        public int? Port { get; set; }

        /// <summary>SSH private key for the machines; without it the cluster's own generated key is used.</summary>
        [Parameter(ParameterSetName = StaticParameterSet)]
        [ValidateNotNullOrEmpty]
        public string? PrivateKeyPath { get; set; }

        /// <summary>Kubernetes labels of the pool's nodes, as a hashtable.</summary>
        [Parameter(ParameterSetName = DynamicParameterSet)]
        [Parameter(ParameterSetName = DynamicAutoscaledParameterSet)]
        [Parameter(ParameterSetName = StaticParameterSet)]
        public IDictionary? Label { get; set; }

        /// <summary>Kubernetes taints as "key=value:Effect" or "key:Effect".</summary>
        [Parameter(ParameterSetName = DynamicParameterSet)]
        [Parameter(ParameterSetName = DynamicAutoscaledParameterSet)]
        [Parameter(ParameterSetName = StaticParameterSet)]
        public string[]? Taint { get; set; }

        /// <summary>Kubernetes annotations of the pool's nodes, as a hashtable.</summary>
        [Parameter(ParameterSetName = DynamicParameterSet)]
        [Parameter(ParameterSetName = DynamicAutoscaledParameterSet)]
        [Parameter(ParameterSetName = StaticParameterSet)]
        public IDictionary? Annotation { get; set; }

        /// <summary>The pool the bound parameters describe; shape errors fail with InvalidParameter.</summary>
        protected NodePoolDefinition BuildDefinition()
        {
            var metadata = new PoolMetadataParameters
            {
                Labels = PowerShellValues.Unwrap(Label),
                Taints = Taint,
                Annotations = PowerShellValues.Unwrap(Annotation),
            };
            NodePoolSpec pool = ParameterSetName == StaticParameterSet
                ? SpecBuilder.StaticPool(new StaticPoolParameters
                {
                    Name = Name,
                    Endpoints = Endpoint,
                    User = User,
                    Port = Port,
                    PrivateKeyPath = PrivateKeyPath is null ? null : FileSystemPath(PrivateKeyPath),
                    Metadata = metadata,
                })
                : SpecBuilder.DynamicPool(new DynamicPoolParameters
                {
                    Name = Name,
                    Provider = Provider,
                    Region = Region,
                    Zone = Zone,
                    ServerType = ServerType,
                    Image = Image,
                    Count = ParameterSetName == DynamicParameterSet ? Count : (int?)null,
                    AutoscalerMin = ParameterSetName == DynamicAutoscaledParameterSet ? AutoscalerMin : (int?)null,
                    AutoscalerMax = ParameterSetName == DynamicAutoscaledParameterSet ? AutoscalerMax : (int?)null,
                    DiskSizeGb = DiskSizeGb,
                    Metadata = metadata,
                });
            return new NodePoolDefinition(pool, Role, LoadBalancer);
        }
    }
}
