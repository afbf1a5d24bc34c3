using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Amazon.EC2;
using Amazon.EC2.Model;

namespace MultiCloud.Engine.Providers.Aws
{
    /// <summary>The RunInstances request of one node: one instance in the zone's subnet behind the pool's security group.</summary>
    internal static class AwsLaunch
    {
        public static RunInstancesRequest Request(MachineRequest request, AwsImage image, string subnet, string securityGroup, string keyName, bool elasticIp, string clientToken)
        {
            var cluster = request.Cluster;
            var name = ResourceNames.Machine(cluster, request.NodeName);
            return new RunInstancesRequest
            {
                ImageId = request.Image,
                InstanceType = InstanceType.FindValue(request.ServerType),
                MinCount = 1,
                MaxCount = 1,
                ClientToken = clientToken,
                KeyName = keyName,
                // EC2 wants user data base64-encoded; the SDK sends the string as it is. cloud-init runs it on first boot.
                UserData = Convert.ToBase64String(Encoding.UTF8.GetBytes(request.UserData)),
                NetworkInterfaces = new List<InstanceNetworkInterfaceSpecification>
                {
                    new InstanceNetworkInterfaceSpecification
                    {
                        DeviceIndex = 0,
                        SubnetId = subnet,
                        Groups = new List<string> { securityGroup },
                        // A pool with Elastic IPs gets its address from the EIP; others get EC2's public address on launch.
                        AssociatePublicIpAddress = !elasticIp,
                        DeleteOnTermination = true,
                    },
                },
                BlockDeviceMappings = new List<BlockDeviceMapping>
                {
                    new BlockDeviceMapping
                    {
                        DeviceName = image.RootDeviceName,
                        Ebs = new EbsBlockDevice { VolumeSize = request.DiskSizeGb ?? image.RootVolumeSizeGb, VolumeType = VolumeType.Gp3, DeleteOnTermination = true },
                    },
                },
                // IMDSv2 only: the instance metadata (and any role's credentials) need a session token.
                MetadataOptions = new InstanceMetadataOptionsRequest { HttpTokens = HttpTokensState.Required, HttpEndpoint = InstanceMetadataEndpointState.Enabled },
                // Tagged in the call itself, so no instance, volume or interface of the cluster exists untagged even for a moment.
                TagSpecifications = new[] { ResourceType.Instance, ResourceType.Volume, ResourceType.NetworkInterface }
                    .Select(type => new TagSpecification { ResourceType = type, Tags = AwsTags.Tags(type == ResourceType.Instance ? name : ResourceNames.OfMachine(cluster, request.NodeName, type == ResourceType.Volume ? "disk" : "nic"), cluster, request.Pool, request.NodeName) })
                    .ToList(),
            };
        }
    }
}
