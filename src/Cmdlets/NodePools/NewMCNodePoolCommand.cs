using System.Management.Automation;
using MultiCloud.Engine.Model;

namespace MultiCloud.Cmdlets
{
    /// <summary>
    /// Describes a node pool without touching any cluster; pipe the result into New-MCCluster or Add-MCNodePool.
    /// A builder: it changes nothing, so it has no -WhatIf.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "MCNodePool", DefaultParameterSetName = DynamicParameterSet)]
    [OutputType(typeof(NodePoolDefinition))]
    public sealed class NewMCNodePoolCommand : NodePoolParametersCmdlet
    {
        protected override void ProcessRecordCore() => WriteObject(BuildDefinition());
    }
}
