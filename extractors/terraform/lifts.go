package terraform

import "strings"

// resourceLifts names, per resource type, what reads its exposure facts.
// Types not listed carry only their type, name and provider, except that
// every azurerm resource is read for public_network_access_enabled.
var resourceLifts = map[string]func(lifter){
	"aws_s3_bucket":                                      awsBucket,
	"aws_s3_bucket_acl":                                  awsBucketACL,
	"aws_s3_bucket_policy":                               awsBucketPolicy,
	"aws_s3_bucket_public_access_block":                  awsPublicAccessBlock,
	"aws_s3_bucket_server_side_encryption_configuration": awsBucketEncryption,
	"aws_security_group":                                 awsSecurityGroup,
	"aws_security_group_rule":                            awsSecurityGroupRule,
	"aws_vpc_security_group_ingress_rule":                awsIngressRule,
	"aws_lb":                                             awsLoadBalancer,
	"aws_alb":                                            awsLoadBalancer,
	"aws_elb":                                            awsLoadBalancer,
	"aws_eip":                                            publicAddress,
	"aws_instance":                                       awsInstance,
	"aws_launch_template":                                awsLaunchTemplate,
	"aws_db_instance":                                    awsDatabase,
	"aws_rds_cluster":                                    awsDatabase,
	"aws_rds_cluster_instance":                           awsRDSClusterInstance,
	"aws_redshift_cluster":                               awsRedshift,
	"aws_ebs_volume":                                     encryptedFlag("encrypted"),
	"aws_efs_file_system":                                encryptedFlag("encrypted"),
	"aws_elasticache_replication_group":                  elasticacheEncryption,
	"aws_iam_policy":                                     awsIAMPolicy,
	"aws_iam_role_policy":                                awsIAMPolicy,
	"aws_iam_user_policy":                                awsIAMPolicy,
	"aws_iam_group_policy":                               awsIAMPolicy,
	"aws_iam_role_policy_attachment":                     awsPolicyAttachment,
	"aws_iam_user_policy_attachment":                     awsPolicyAttachment,
	"aws_iam_group_policy_attachment":                    awsPolicyAttachment,
	"aws_iam_policy_attachment":                          awsPolicyAttachment,
	"aws_subnet":                                         awsSubnet,
	"aws_api_gateway_method":                             awsAPIMethod,
	"aws_api_gateway_rest_api":                           awsRestAPI,
	"aws_apigatewayv2_route":                             awsAPIRoute,
	"aws_lambda_function_url":                            awsFunctionURL,
	"aws_eks_cluster":                                    awsEKSCluster,

	"google_storage_bucket":             googleBucket,
	"google_storage_bucket_iam_member":  googleBucketIAM,
	"google_storage_bucket_iam_binding": googleBucketIAM,
	"google_storage_bucket_acl":         googleBucketACL,
	"google_compute_firewall":           googleFirewall,
	"google_compute_address":            googleAddress,
	"google_compute_global_address":     googleAddress,
	"google_compute_instance":           googleInstance,
	"google_sql_database_instance":      googleSQL,
	"google_project_iam_member":         googleProjectIAM,
	"google_project_iam_binding":        googleProjectIAM,
	"google_container_cluster":          googleContainerCluster,

	"azurerm_network_security_rule":                    azureSecurityRule,
	"azurerm_network_security_group":                   azureSecurityGroup,
	"azurerm_public_ip":                                publicAddress,
	"azurerm_lb":                                       azureLoadBalancer,
	"azurerm_storage_container":                        azureContainer,
	"azurerm_storage_account":                          azureStorageAccount,
	"azurerm_sql_firewall_rule":                        azureFirewallRule,
	"azurerm_mssql_firewall_rule":                      azureFirewallRule,
	"azurerm_postgresql_firewall_rule":                 azureFirewallRule,
	"azurerm_mysql_firewall_rule":                      azureFirewallRule,
	"azurerm_mariadb_firewall_rule":                    azureFirewallRule,
	"azurerm_postgresql_flexible_server_firewall_rule": azureFirewallRule,
	"azurerm_mysql_flexible_server_firewall_rule":      azureFirewallRule,
	"azurerm_role_definition":                          azureRoleDefinition,
}

// dataLifts does the same for data sources.
var dataLifts = map[string]func(lifter){
	"aws_iam_policy_document": awsPolicyDocument,
}

func resourceLift(typ string) (func(lifter), bool) {
	if lift, ok := resourceLifts[typ]; ok {
		return lift, true
	}
	if strings.HasPrefix(typ, "azurerm_") {
		return azurePublicNetwork, true
	}
	return nil, false
}
