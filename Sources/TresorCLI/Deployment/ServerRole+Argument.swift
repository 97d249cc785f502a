import ArgumentParser
import TresorDeployment

extension ServerRole: ExpressibleByArgument {}
