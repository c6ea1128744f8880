global using AddonGrains.GrainInterfaces;
global using AddonGrains.Configuration;
global using Microsoft.Extensions.Logging;
