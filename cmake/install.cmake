# SPDX-License-Identifier: Apache-2.0
# Install rules (MOTE_INSTALL): the public headers, libmote.a, the exported
# CMake package and a pkg-config file.
#
#   cmake --install build --prefix /opt/mote
#
# gives include/mote/*.h, lib/libmote.a, lib/cmake/mote/ (moteConfig.cmake,
# moteConfigVersion.cmake, moteTargets*.cmake) and lib/pkgconfig/mote.pc
# (lib as GNUInstallDirs spells it), and LICENSE and NOTICE under
# share/doc/mote. Then either
#
#   find_package(mote 0.1 CONFIG REQUIRED)       # CMAKE_PREFIX_PATH=/opt/mote
#   target_link_libraries(app PRIVATE mote::mote)
#
# or  cc app.c $(pkg-config --cflags --libs mote)  with
# PKG_CONFIG_PATH=/opt/mote/lib/pkgconfig. Both carry libm, and the
# sanitizer link flag for a MOTE_SANITIZE build. The package is for one
# target: moteConfigVersion.cmake refuses a consumer whose pointer size
# differs (a Cortex-M libmote in a 64-bit host project), and moteConfig.cmake
# tells which CPU and kernels it was built for (mote_CPU, mote_KERNELS).
#
# Both files are relocatable: the install prefix is not written into them,
# so a prefix chosen at install time (cmake --install --prefix) works.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(MOTE_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/mote CACHE STRING
    "Where moteConfig.cmake goes, under the install prefix")
mark_as_advanced(MOTE_INSTALL_CMAKEDIR)

target_include_directories(mote INTERFACE
  $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
install(TARGETS mote EXPORT moteTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/mote
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
        FILES_MATCHING PATTERN "*.h")
install(EXPORT moteTargets NAMESPACE mote:: FILE moteTargets.cmake
        DESTINATION ${MOTE_INSTALL_CMAKEDIR})

# While the major version is 0 a minor version may break the API (semver):
# 0.1 accepts 0.1.x only. From 1.0 on, any 1.x.
if(PROJECT_VERSION_MAJOR EQUAL 0)
  set(_mote_compat SameMinorVersion)
else()
  set(_mote_compat SameMajorVersion)
endif()
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/moteConfig.cmake.in
  ${PROJECT_BINARY_DIR}/moteConfig.cmake
  INSTALL_DESTINATION ${MOTE_INSTALL_CMAKEDIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/moteConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY ${_mote_compat})
install(FILES ${PROJECT_BINARY_DIR}/moteConfig.cmake
              ${PROJECT_BINARY_DIR}/moteConfigVersion.cmake
        DESTINATION ${MOTE_INSTALL_CMAKEDIR})

# mote.pc: the prefix is found from the file's own place (${pcfiledir}),
# unless the directories were given as absolute paths.
set(_mote_pc_dir ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
if(IS_ABSOLUTE "${_mote_pc_dir}")
  set(MOTE_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
else()
  file(RELATIVE_PATH _mote_up "/${_mote_pc_dir}" "/")
  string(REGEX REPLACE "/$" "" _mote_up "${_mote_up}")
  set(MOTE_PC_PREFIX "\${pcfiledir}/${_mote_up}")
endif()
foreach(_mote_dir LIBDIR INCLUDEDIR)
  if(IS_ABSOLUTE "${CMAKE_INSTALL_${_mote_dir}}")
    set(MOTE_PC_${_mote_dir} "${CMAKE_INSTALL_${_mote_dir}}")
  else()
    set(MOTE_PC_${_mote_dir} "\${prefix}/${CMAKE_INSTALL_${_mote_dir}}")
  endif()
endforeach()
# libmote is a static library: what it needs goes in Libs, not
# Libs.private, or a plain `pkg-config --libs` would leave it out.
set(MOTE_PC_LIBS "-lmote")
if(NOT MSVC)
  string(APPEND MOTE_PC_LIBS " -lm")
endif()
foreach(_mote_flag ${MOTE_SANITIZER_LINK})
  string(APPEND MOTE_PC_LIBS " ${_mote_flag}")
endforeach()
configure_file(${PROJECT_SOURCE_DIR}/cmake/mote.pc.in ${PROJECT_BINARY_DIR}/mote.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/mote.pc DESTINATION ${_mote_pc_dir})

install(FILES ${PROJECT_SOURCE_DIR}/LICENSE ${PROJECT_SOURCE_DIR}/NOTICE
              ${PROJECT_SOURCE_DIR}/CHANGELOG.md
        DESTINATION ${CMAKE_INSTALL_DOCDIR})
