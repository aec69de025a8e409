# Kestrel's two commands:
#   make demo   install what is missing, build, code the bundled example article (printed,
#               then stored in kestrel.db; a re-run stores nothing twice) and show its BLR-CHN stats
#   make test   install what is missing, build, run every test (Release and ASan+UBSan)
# Everything else here is a building block of those two.

JOBS    ?= $(shell nproc 2>/dev/null || echo 2)
BUILD   ?= build
ASAN    ?= build-asan
EXAMPLE ?= examples/000_52d312ab3d952ff2.txt
EXAMPLE_DATE ?= 2023-02-28

.PHONY: demo test test-release test-asan build setup bench clean

setup:
	@bash scripts/setup.sh

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release

build: setup $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

demo: build
	./$(BUILD)/kestrel code $(EXAMPLE) --date $(EXAMPLE_DATE)
	./$(BUILD)/kestrel code $(EXAMPLE) --date $(EXAMPLE_DATE) --db kestrel.db
	./$(BUILD)/kestrel stats --db kestrel.db --dyad BLR-CHN

test-release: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

$(ASAN)/CMakeCache.txt:
	cmake -S . -B $(ASAN) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKESTREL_SANITIZE=ON

test-asan: setup $(ASAN)/CMakeCache.txt
	cmake --build $(ASAN) -j $(JOBS) --target kestrel_tests kestrel
	cd $(ASAN) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --output-on-failure -j $(JOBS)

test: test-release test-asan

bench: build
	bash bench/run.sh

clean:
	rm -rf $(BUILD) $(ASAN)
