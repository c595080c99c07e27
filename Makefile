# Shortcuts; the scripts are the source of truth (they need only bash, not make).
.PHONY: run test check size

run:
	scripts/run

# Everything CI runs (.ci/run calls scripts/test).
test check:
	scripts/test

size:
	scripts/build-app && scripts/size-report
