using System.Data.Common;

namespace ReelRights.Core.Data;

/// <summary>For the few hand-written commands (migrations, ledger batches) that bypass EF Core.</summary>
internal static class DbCommandExtensions
{
    public static void AddParameter(this DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
