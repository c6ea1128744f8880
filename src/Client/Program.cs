Console.WriteLine("addongrains: coming");
