using ReelRights.Bench;

return args.FirstOrDefault() switch
{
    "ledger" => await LedgerBench.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run --project bench/ReelRights.Bench -c Release -- ledger [--postgres CONNECTION]");
    return 2;
}
