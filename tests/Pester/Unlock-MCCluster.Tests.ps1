BeforeAll {
    . $PSScriptRoot/Common.ps1
    Import-PackagedModule
    $state = New-TestStateDirectory
    New-TestCluster -StateDirectory $state | Out-Null
}

Describe 'Unlock-MCCluster' {
    It 'asks before it runs (ConfirmImpact High)' {
        $attribute = (Get-Command Unlock-MCCluster).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $attribute.ConfirmImpact | Should -Be 'High'
    }

    It 'with -WhatIf changes nothing' {
        $before = Get-FolderSnapshot $state
        Unlock-MCCluster demo -StateDirectory $state -WhatIf | Should -BeNullOrEmpty
        Get-FolderSnapshot $state | Should -Be $before
    }

    It 'warns and writes nothing when the cluster is not locked' {
        $output = Unlock-MCCluster demo -StateDirectory $state -Confirm:$false -WarningVariable warnings -WarningAction SilentlyContinue
        $output | Should -BeNullOrEmpty
        $warnings | Should -Match 'not locked'
    }
}
