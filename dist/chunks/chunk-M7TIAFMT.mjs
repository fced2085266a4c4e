import { createRequire as __ciKitCreateRequire } from 'node:module';
const require = __ciKitCreateRequire(import.meta.url);
import {
  entrySlot,
  findInToolCache,
  installIntoToolCache
} from "./chunk-QYO252MH.mjs";
import {
  retryCommand
} from "./chunk-TCXELSBN.mjs";
import {
  TOOLCHAIN,
  parseNoxVersion
} from "./chunk-HN5E6H3Y.mjs";
import {
  __name
} from "./chunk-Q5GJOU3P.mjs";

// packages/tools/src/nox.ts
import { createHash as createHash2 } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp as mkdtemp2, rm as rm2, writeFile } from "node:fs/promises";
import path2 from "node:path";

// packages/tools/src/nox-check.ts
import { createHash, randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { lstat, mkdtemp, readdir, readFile, readlink, rename, rm } from "node:fs/promises";
import path from "node:path";

// packages/tools/src/nox-manifest.json
var nox_manifest_default = {
  nox: "2026.10.20",
  uv: "0.8.24",
  scriptTemplate: `#!/bin/sh
'''exec' "$(dirname -- "$(realpath -- "$0")")"/'python' "$0" "$@"
' '''
# -*- coding: utf-8 -*-
import sys
from {module} import {name}
if __name__ == "__main__":
    if sys.argv[0].endswith("-script.pyw"):
        sys.argv[0] = sys.argv[0][:-11]
    elif sys.argv[0].endswith(".exe"):
        sys.argv[0] = sys.argv[0][:-4]
    sys.exit({call}())
`,
  dists: {
    "argcomplete-3.7.2.dist-info": {
      wheel: "argcomplete-3.7.2-py3-none-any.whl",
      files: {
        "argcomplete/__init__.py": "Zmbhyq7AcThgbb6Q1EFccIInL6G8hzlWL09PoILfJPc",
        "argcomplete/_check_console_script.py": "pL8QMk-0RB2_dakNTAy5aGA-2sB2fY2E7Ps3LSLi2sQ",
        "argcomplete/_check_module.py": "vBHBICA_sRcduWArcrupNimkum-9DApa7zh8AauFSUo",
        "argcomplete/completers.py": "63HyNlnGx5mj4BggsvyeubSULebJBU-W2BPqLHm3DZg",
        "argcomplete/exceptions.py": "tojpetbrtcmabLRVC_YqiFGv0x-QzHPOIA2fEG6l9aA",
        "argcomplete/finders.py": "9vNE8W0VHQY8gZZ4Y6-a2G7iG8exrXFa9jpUh-UAdnk",
        "argcomplete/io.py": "yXpRAUbXfyRz0fd-_3_75BcwO7aFNjVedEwSJN7Llgo",
        "argcomplete/lexers.py": "9waKyCjE3fLczQhEQhN2UdLSw1wot2mD3Q6rA70Muj8",
        "argcomplete/py.typed": "47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU",
        "argcomplete/shell_integration.py": "OYbLqqlmNhJmG1Fo-LTuLeJhdJuEOXaXL3uqwMYnSM4",
        "argcomplete/bash_completion.d/_python-argcomplete": "YbwFAyaM1V4p-TqDqhbWpblL_nvlhkpiIaqhiGmfMYg",
        "argcomplete/packages/__init__.py": "47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU",
        "argcomplete/packages/_argparse.py": "OyZ_5PeYsEUHEoWvvdzMOzzYNC61Wwc_xF3eo_Fj3As",
        "argcomplete/packages/_shlex.py": "hQ9e0n_oKsbKzuIQk0kcABK7cZO1bRGg-tpFGCTpO_4",
        "argcomplete/scripts/__init__.py": "47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU",
        "argcomplete/scripts/activate_global_python_argcomplete.py": "ZpIMx3rFiJ41QzTnWE-Soa1ZIPHuubnjYBkh3FGKMq4",
        "argcomplete/scripts/register_python_argcomplete.py": "CtuNXHpIJCKYU_p32uRAXvqftW_-QgQ2Gqjq_tYhLpI",
        "argcomplete-3.7.2.dist-info/METADATA": "QCbGjfBQuSPArJK7u9NCSLNB2u7t_D0_I0l5Zn9OlYo",
        "argcomplete-3.7.2.dist-info/WHEEL": "lCkmxWfQsSc9CfIClYeavTdQeEX2toPqufh9gI35EQA",
        "argcomplete-3.7.2.dist-info/entry_points.txt": "mJnLItXXgfubyOo42GEgzHko4nMGfaAJzSiKC3ywV6s",
        "argcomplete-3.7.2.dist-info/licenses/LICENSE.rst": "DVQuDIgE45qn836wDaWnYhSdxoLXgpRRKH4RuTjpRZQ",
        "argcomplete-3.7.2.dist-info/licenses/NOTICE": "LIicch7Irm12ZGgK-u-7THYgl29DS1elBuzZLwZJtqA"
      },
      scripts: {
        "activate-global-python-argcomplete": "argcomplete.scripts.activate_global_python_argcomplete:main",
        "register-python-argcomplete": "argcomplete.scripts.register_python_argcomplete:main"
      }
    },
    "attrs-26.1.0.dist-info": {
      wheel: "attrs-26.1.0-py3-none-any.whl",
      files: {
        "attr/__init__.py": "fOYIvt1eGSqQre4uCS3sJWKZ0mwAuC8UD6qba5OS9_U",
        "attr/__init__.pyi": "pVGImAUVovq2_TYl_r_HIYnGlyOaoCuEhxo-EvsnnSc",
        "attr/_cmp.py": "3Nn1TjxllUYiX_nJoVnEkXoDk0hM1DYKj5DE7GZe4i0",
        "attr/_cmp.pyi": "U-_RU_UZOyPUEQzXE6RMYQQcjkZRY25wTH99sN0s7MM",
        "attr/_compat.py": "x0g7iEUOnBVJC72zyFCgb1eKqyxS-7f2LGnNyZ_r95s",
        "attr/_config.py": "dGq3xR6fgZEF6UBt_L0T-eUHIB4i43kRmH0P28sJVw8",
        "attr/_funcs.py": "Ix5IETTfz5F01F-12MF_CSFomIn2h8b67EVVz2gCtBE",
        "attr/_make.py": "H7OH2eWS5CnBzLUjNFE1WymfPrmF1r8fv2RPdt9MuYA",
        "attr/_next_gen.py": "BQtCUlzwg2gWHTYXBQvrEYBnzBUrDvO57u0Py6UCPhc",
        "attr/_typing_compat.pyi": "XDP54TUn-ZKhD62TOQebmzrwFyomhUCoGRpclb6alRA",
        "attr/_version_info.py": "w4R-FYC3NK_kMkGUWJlYP4cVAlH9HRaC-um3fcjYkHM",
        "attr/_version_info.pyi": "x_M3L3WuB7r_ULXAWjx959udKQ4HLB8l-hsc1FDGNvk",
        "attr/converters.py": "GlDeOzPeTFgeBBLbj9G57Ez5lAk68uhSALRYJ_exe84",
        "attr/converters.pyi": "orU2bff-VjQa2kMDyvnMQV73oJT2WRyQuw4ZR1ym1bE",
        "attr/exceptions.py": "b4vMbnoQ3VpwWZhqrYi_ssXVCK8o2c4HQSS09cSUM9o",
        "attr/exceptions.pyi": "zZq8bCUnKAy9mDtBEw42ZhPhAUIHoTKedDQInJD883M",
        "attr/filters.py": "ZBiKWLp3R0LfCZsq7X11pn9WX8NslS2wXM4jsnLOGc8",
        "attr/filters.pyi": "3J5BG-dTxltBk1_-RuNRUHrv2qu1v8v4aDNAQ7_mifA",
        "attr/py.typed": "47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU",
        "attr/setters.py": "5-dcT63GQK35ONEzSgfXCkbB7pPkaR-qv15mm4PVSzQ",
        "attr/setters.pyi": "NnVkaFU1BB4JB8E4JuXyrzTUgvtMpj8p3wBdJY7uix4",
        "attr/validators.py": "m3QRzZTANr4f2C4eVdUoFg11NgXWak8Wat4qQTGhvcs",
        "attr/validators.pyi": "gM1ZmHaBckyYWI2EirpRNzqm3B19cw5Iq6B4Kno9YCM",
        "attrs/__init__.py": "RxaAZNwYiEh-fcvHLZNpQ_DWKni73M_jxEPEftiq1Zc",
        "attrs/__init__.pyi": "2gV79g9UxJppGSM48hAZJ6h_MHb70dZoJL31ZNJeZYI",
        "attrs/converters.py": "8kQljrVwfSTRu8INwEk8SI0eGrzmWftsT7rM0EqyohM",
        "attrs/exceptions.py": "ACCCmg19-vDFaDPY9vFl199SPXCQMN_bENs4DALjzms",
        "attrs/filters.py": "VOUMZug9uEU6dUuA0dF1jInUK0PL3fLgP0VBS5d-CDE",
        "attrs/py.typed": "47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU",
        "attrs/setters.py": "eL1YidYQV3T2h9_SYIZSZR1FAcHGb1TuCTy0E0Lv2SU",
        "attrs/validators.py": "xcy6wD5TtTkdCG1f4XWbocPSO0faBjk5IfVJfP6SUj0",
        "attrs-26.1.0.dist-info/METADATA": "TNQOaQ8jvzfLytNO_WdY4GLfHfB8hoM_fjzpW_H6OMw",
        "attrs-26.1.0.dist-info/WHEEL": "QccIxa26bgl1E6uMy58deGWi-0aeIkkangHcxk2kWfw",
        "attrs-26.1.0.dist-info/licenses/LICENSE": "iCEVyV38KvHutnFPjsbVy8q_Znyv-HKfQkINpj9xTp8"
      },
      scripts: {}
    },
    "colorlog-6.12.0.dist-info": {
      wheel: "colorlog-6.12.0-py3-none-any.whl",
      files: {
        "colorlog/__init__.py": "wzxah0vO2HpJheG0gXY4rMx_MyFYyfHsR8rTucg5PSI",
        "colorlog/escape_codes.py": "lFpcWJqCo3d8kcVZpJFkuKrYbwtwdqdCeNFH9QnKA1Y",
        "colorlog/formatter.py": "3HjYFl5FXpBIaNFeR8Sm8Y9VcIK8ayvCRMljx36Td4Q",
        "colorlog/py.typed": "47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU",
        "colorlog/wrappers.py": "onRQIxCBw8V1vA7zz_kavg4Mk25h8FH6vr8SQw4H6_Y",
        "colorlog-6.12.0.dist-info/licenses/LICENSE": "sdkIK8SDYj_Vn8cnm0V_DkDZQqdkJs3iVyOeBN_kElo",
        "colorlog-6.12.0.dist-info/METADATA": "R3EMU2tsio6wdKCJI6iB4rp2Q3_2MxUWdUZsMVxcB7Y",
        "colorlog-6.12.0.dist-info/WHEEL": "K260EYznzXsJYBQGqmI8VTxEdiZYNvDZwW9cBh9-_MA",
        "colorlog-6.12.0.dist-info/top_level.txt": "CzNs7OLwLxUhbQzCCT2ore3b_ZzAXusw0tWIX79iWow"
      },
      scripts: {}
    },
    "dependency_groups-1.3.2.dist-info": {
      wheel: "dependency_groups-1.3.2-py3-none-any.whl",
      files: {
        "dependency_groups/__init__.py": "sr8W_JULC5LL2G_Jo8LWuOMma7U7ApfU5yMkm3LdsgI",
        "dependency_groups/__main__.py": "BkbTurixrLPvwjBT7dGfN6K13gyDM2imy7yialaT7sc",
        "dependency_groups/_argparse_compat.py": "dsUFvkpNGb0ql-a5yuz0AFuQ0ufYW41nUgjRcgXvf8Q",
        "dependency_groups/_implementation.py": "TM5oF0gDEPsLqfjwgmuKoSiYY7iErdLjP0RnON2m__M",
        "dependency_groups/_lint_dependency_groups.py": "5I_vmtAroqO7R5WzpSXdkfNhZ2HJEYjDzXIci8kYIf0",
        "dependency_groups/_pip_wrapper.py": "Lrd2Nazs_z_kcZ5vI-PeF2GSIsPuss9zgg_KclDo8q4",
        "dependency_groups/_toml_compat.py": "vgvsP8l37CTxnZeggqAbhDUL8HaA-ttiirSnbK69_Ow",
        "dependency_groups/py.typed": "47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU",
        "dependency_groups-1.3.2.dist-info/entry_points.txt": "AQWTdlRatZ-i6TSEPN6Q9XrdQVUCdtLSIrhsYyGpmLY",
        "dependency_groups-1.3.2.dist-info/licenses/LICENSE.txt": "GrNuPipLqGMWJThPh-ngkdsfrtA0xbIzJbMjmr8sxSU",
        "dependency_groups-1.3.2.dist-info/WHEEL": "_yMHPaBV-s6fQMwUoo83NSdTCM3c8xXWFXRhqafN-7Y",
        "dependency_groups-1.3.2.dist-info/METADATA": "ZRYw_7V-v6M-MceiX1Lb1fHTRwNCS5ST12HommmfZzc"
      },
      scripts: {
        "dependency-groups": "dependency_groups.__main__:main",
        "lint-dependency-groups": "dependency_groups._lint_dependency_groups:main",
        "pip-install-dependency-groups": "dependency_groups._pip_wrapper:main"
      }
    },
    "distlib-0.4.4.dist-info": {
      wheel: "distlib-0.4.4-py2.py3-none-any.whl",
      files: {
        "distlib/__init__.py": "osxKCjdDfFbspq1iW_Ym9G4floHKA2C1ko6Sb90v_gE",
        "distlib/compat.py": "Uw5KUutOK5EMDB1hPc31cEh8ZQ_GPkq0KXw6OCPlRB0",
        "distlib/database.py": "mHy_LxiXIsIVRb-T0-idBrVLw3Ffij5teHCpbjmJ9YU",
        "distlib/index.py": "lTbw268rRhj8dw1sib3VZ_0EhSGgoJO3FKJzSFMOaeA",
        "distlib/locators.py": "ybXQXer-4H0xrmJm-DxsaiswG-Lw0vr1ySaoOtSZtKA",
        "distlib/manifest.py": "eQpAu1qQdTQBNa8uJ-cmUjiBtORBMd8p6WcmYGBwJg8",
        "distlib/markers.py": "jRKfACrFuFVWxGDwc7Sf4BoiiCdpWHGQQbRsSMWLFSY",
        "distlib/metadata.py": "VJI3xHmzWo5zuBhsEAUZdpZHiubzYfjEifCto97uebU",
        "distlib/resources.py": "_6rKusMQ4btrTzEFLXVPmT8ycKgqxbMAPNZHUYWjYXM",
        "distlib/scripts.py": "jplp0h3w6sFQhYVrQLkdEe8Th90wjD2RdmCKnTeBPYI",
        "distlib/t32.exe": "a0GV5kCoWsMutvliiCKmIgV98eRZ33wXoS-XrqvJQVs",
        "distlib/t64-arm.exe": "68TAa32V504xVBnufojh0PcenpR3U4wAqTqf-MZqbPw",
        "distlib/t64.exe": "gaYY8hy4fbkHYTTnA4i26ct8IQZzkBG2pRdy0iyuBrc",
        "distlib/util.py": "q3jSbfd3Fq4v5OTnn8WSn-L6QBu0QlCuzWhoRtgYmmk",
        "distlib/version.py": "QJMS0Yyg3Pm4r9lnlum3OnMlesZ14PPYg__BVsHbC2M",
        "distlib/w32.exe": "R4csx3-OGM9kL4aPIzQKRo5TfmRSHZo6QWyLhDhNBks",
        "distlib/w64-arm.exe": "xdyYhKj0WDcVUOCb05blQYvzdYIKMbmJn2SZvzkcey4",
        "distlib/w64.exe": "ejGf-rojoBfXseGLpya6bFTFPWRG21X5KvU8J5iU-K0",
        "distlib/wheel.py": "jXG3BwSMktNBS9PYVvwq-79NUfgFY3UyM2CSEQJR-1Q",
        "distlib-0.4.4.dist-info/licenses/LICENSE.txt": "gI4QyKarjesUn_mz-xn0R6gICUYG1xKpylf-rTVSWZ0",
        "distlib-0.4.4.dist-info/METADATA": "NWqZW7vma6sLAMtyDoAk5CMNSYfCEN3gFFtuRjfaeOg",
        "distlib-0.4.4.dist-info/WHEEL": "4YBfCYNH4wlLpv3pzq1hbEuIlXA4WJabKLFurZ7eTL0",
        "distlib-0.4.4.dist-info/top_level.txt": "9BERqitu_vzyeyILOcGzX9YyA2AB_xlC4-81V6xoizk"
      },
      scripts: {}
    },
    "filelock-4.3.1.dist-info": {
      wheel: "filelock-4.3.1-py3-none-any.whl",
      files: {
        "filelock/__init__.py": "MDUprSi3wtmxNCDQiUKdoFrZUDTSc7YLxasW4zj24gY",
        "filelock/asyncio.py": "4bG2b5dy6LM690kito775AIRBhmky3EABqpq__bGKUc",
        "filelock/py.typed": "47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU",
        "filelock/version.py": "g9Op3zwwFw_ZHAYl0Cbm3bWwdVrA9An2Go9CVd2DdaE",
        "filelock/_async_lock/__init__.py": "nx2fZL6rI8OC_FJuw6HC_OqeQkKBDySCKQ348mRVjLo",
        "filelock/_async_lock/_acquire.py": "UHr2m35zhptC8u8VxZQTgmdlqw703KmY2Ksctqy4I74",
        "filelock/_async_lock/_backends.py": "WTzAdbkFKbBUB5FqAINf_ZMgK6ubhl0UQPw9UYm4kuA",
        "filelock/_async_lock/_executor.py": "fPAxBgaFoJuWYz-l84NKtxQyrOWHNlWopfCn98wpo9c",
        "filelock/_async_lock/_lock.py": "sRK95iHrWcNeK5dRrMTTdpkaxJqW_YPCvTyJcXKtxGU",
        "filelock/_async_lock/_owners.py": "jfVAkDahtaxRIUqXA-kGODHE10dbwUe8aeuJG25AuVM",
        "filelock/_async_lock/_release.py": "puBuFRyKB1hjYZpTCCrkLgtk3zTCArHA4RXBgWWLv-A",
        "filelock/_async_lock/_transitions.py": "a2quvdJZp24DvtCxe-yAE3XD_NbmYdNdu5UQjFYGjp0",
        "filelock/_core/__init__.py": "2z4EqvrX9T2Ppr9YI0-8MWQEx6X5PjHR26F9QKK2fAI",
        "filelock/_core/_acquire.py": "276fDwGyFZgwyYMhNXuFfHfTyCF-1-BkPJF1UknPuuc",
        "filelock/_core/_errors.py": "mtz_hqNlVAestqTzkZUiX--JpF75BOxBFJ-742bJAsc",
        "filelock/_core/_fork.py": "pyVyT8CD_rjyke-b03qPwX4vi6y0ENsL2iP0dmR3iO8",
        "filelock/_core/_lock.py": "PbzQVw6aljssB9Y1_ZVltQJHISUsQbdrb7Ow7d3zAB4",
        "filelock/_core/_registry.py": "15DhxIF-5q9YCgwZ8HsxXgxJ8MWSIOmtrmQLVRKdHKo",
        "filelock/_core/_release.py": "1v8pGMS73lexCOp-3JESQLiMFYkHgMP0uwD5ZJx6eEA",
        "filelock/_core/_settings.py": "dEwbmFrUGUq_pxM-b8A6CG5aqmjdeUMAOfh6QAzy0GY",
        "filelock/_core/_shutdown.py": "ImENAebTM3FVX5gjeFT7sXK4_-Y7Yx8GsJ6_xG7VMj8",
        "filelock/_core/_singleton.py": "JBg9pUODWQludpK8er8krD6X9O_91AsvA2R8vzYtH1I",
        "filelock/_core/_state.py": "YjDr8_U3tf0gNIM9p6EZVK8lbsm67IY96-TDlm6W2rQ",
        "filelock/_filesystem/__init__.py": "EohfOTN4IsTxCEddkpG7AuMbg9SKoTx50Qcde1FTi9Q",
        "filelock/_filesystem/_exchange.py": "U7GxhzH8ojGru3JxMmtR551K8MiSotc9_NKvqE0_OZY",
        "filelock/_filesystem/_files.py": "_SpXB31rSNcKWWXHrKlUZsTifMh0kXIUQA5ekjDf9rg",
        "filelock/_filesystem/_ownership.py": "he_BWUBRgP17J9jzZu-_xBAfrxPqXWREB8C6nIBGvME",
        "filelock/_filesystem/_windows/__init__.py": "O60utEfAEU6zitbzQqjbpqauJZHWquHZI-X2IyaRI_4",
        "filelock/_filesystem/_windows/_directories.py": "bx3Q_MpfPvaPt58s04zqydpJ0kc_IUpZKKMXkh4amLw",
        "filelock/_filesystem/_windows/_handles.py": "Yvjz0dXzQdZfUWL1-GvhV99lDi9M_59X8QYq-H1EiTA",
        "filelock/_filesystem/_windows/_oplocks.py": "ZLmUZPdJWvvghuj_21R3EMlQTQ-r_ju0F5X5ckdvYeQ",
        "filelock/_identity/__init__.py": "7jzmsCf1d_oWrnbRNtQ-Z_YAJOKGsYNTv7IUosxk_Yc",
        "filelock/_identity/_host.py": "jGg9g-FD_stGSMBT6Soab0WC52kP-snALVdCn3gTXRQ",
        "filelock/_identity/_process.py": "9Kea-9-KDJRR8O7eGACfQUvSMvEPS4YcjycNPn4GQFY",
        "filelock/_native/__init__.py": "nO0nB5rFsVRXo65Ohyq1TXvJ_0_IbkqIhSCin2ZnEYc",
        "filelock/_native/_descriptor.py": "GbE8T9r8fE4WW5yS7wdVTAap5_MDTjH-zNUTcodelSQ",
        "filelock/_native/_unix.py": "ngurqU2-ADLMPwrhwVucscMyKUue_cKEh0hUztjyEQc",
        "filelock/_native/_windows.py": "n1j4hgAzBfe7XrF77vj5YLi_meY4eRsco9UKybAHWOQ",
        "filelock/_soft/__init__.py": "OawPnmzuM33NFD21FM8MuWAJGabsYljZkp8CQ01d9A4",
        "filelock/_soft/_lease.py": "M0hytm_tflEoQn4owWMawGRoJeKK6LVXsSzRxorcuZc",
        "filelock/_soft/_records.py": "K7iqkfiSeWK36EAD1FjYYW0QQ7iYygsfKFqN7WECksg",
        "filelock/_soft/_exclusive/__init__.py": "_1fat6igSqdCtIxZSLoM7dACvV3B_O1ZP_pdFIDZhlw",
        "filelock/_soft/_exclusive/_lock.py": "1IMI6uP2p7yetD4qaAgOnmeCTbM-4Roer8tQZdmKwWI",
        "filelock/_soft/_exclusive/_marker.py": "MjK2sYos9_38TlP4vRGe1uzIsZkK7To2iP-fkSltT70",
        "filelock/_soft/_exclusive/_publication.py": "3hS--rrCgd3lSBkRy0dCnD16nFAIO76N6l1z45WMPcY",
        "filelock/_soft/_exclusive/_recovery.py": "JxpcnykyI_FJPUy_IX-XLJ_SLMER2M57iCVAdWWjYRw",
        "filelock/_soft/_read_write/__init__.py": "KUkYUxk4yMBAywVUzditXt29rkb13QUaKMcfjJ3aYvI",
        "filelock/_soft/_read_write/_async.py": "xyDl1E5IFl3IJYgn2-jX4PI1fCkKmFgf3VEXPOBwYow",
        "filelock/_soft/_read_write/_generations.py": "k08D3kIcxh5TP_5uvURsxMLiJIzmsC6IqW--Vw_Kmp4",
        "filelock/_soft/_read_write/_heartbeat.py": "ZEfHTrHSn35MHNsKRSPdSAtWUpwO4i04mfI4pa2pE4c",
        "filelock/_soft/_read_write/_hold.py": "nclqABtZicNJbcTeuTWq8pw7SZx_RSNpzB1vuyLy6rE",
        "filelock/_soft/_read_write/_lock.py": "ZpyRIU7dMyaEsicjW8e5bf0eGheQmxaVFLj9namKqao",
        "filelock/_soft/_read_write/_participant.py": "UVVFsWcH9gsFD-WJD3o2rcCukpOX5J3a-P3LCwI9sPQ",
        "filelock/_soft/_read_write/_storage.py": "HVG7USXDbpyNrVpVD9hhiqZ2s9YPlREp_OsepBPXO9A",
        "filelock/_soft/_read_write/_sweep.py": "XVtYgNMdg97cF5If3cmOqeA-tkZW70WYTJOQpwsyNuk",
        "filelock/_soft/_strict/__init__.py": "TEGXtX7Y2991VbafDuCUx9A-ao8bQ9wrRM7hBQlRnaQ",
        "filelock/_soft/_strict/_claims.py": "HGa-8h_FtTtihrxRMae-cCeEvdvZMeQUo0lSEZZtEX0",
        "filelock/_soft/_strict/_directories.py": "FEBn0NLoaqlqp97DnNakFOrwSMhJBYF2h6OfhuXZWnI",
        "filelock/_soft/_strict/_lock.py": "OU2jJmARKPXtEo4Vxf1YcU_pKormLVh9rUiXOSAOUJw",
        "filelock/_soft/_strict/_publication.py": "bJ1ggHctO-95pI1uBp_uvUjAraykDSp8Ju1I-UcwBts",
        "filelock/_soft/_strict/_release.py": "qjXbOF_hr6vbrhbiuqcXtP9hB_XcrOmZv2agjjqd14M",
        "filelock/_soft/_strict/_scan.py": "QC4S-mQCKYtkol85Se3lNymn_1GDU1IsPjK-FW0Uj3g",
        "filelock/_soft/_strict/_sentinel.py": "CiNNMkhtnQ5TyjyZV25xb23O0pc-xDl7bU-8HSnpaWI",
        "filelock/_soft/_strict/_windows.py": "H5FNqF9pk2OJbgFNPq8KVg_gSrieGq3pjxmtfxpMjFQ",
        "filelock/_sqlite/__init__.py": "OGCKkKGXwb7lkIxWjJdO-o7-aXbeIG3_BdnOqhsqgBI",
        "filelock/_sqlite/_async.py": "iruNFmrDEoFtR39QFjIUZfTugQgBe6T9P7d7GU9nP8s",
        "filelock/_sqlite/_connection.py": "z1vQOEbWLzTz1n2osAD2clF8KhVDe6TZNAfGzYnr568",
        "filelock/_sqlite/_fork.py": "9wTd0xKDdoqYPgKBedpZhBOyBKVHL80xOUIGrrliG90",
        "filelock/_sqlite/_links.py": "jmOypNBVrvUiZewNqJsYNffF32mzn4ozV6dUaFUV18E",
        "filelock/_sqlite/_lock.py": "hVc92QO6vvxIAUC5-CyBnR68dQRVLjfKdQ5xqqbLf-U",
        "filelock/_sqlite/_transactions.py": "ZDefuFhcmN2f_1XRuhYv_8tuTnjhpBuDcRtaa-htzT4",
        "filelock-4.3.1.dist-info/METADATA": "4QOY0G9UDeZvsQ1ptgfCC4bluVVKhx7VTu5ZbisT7lA",
        "filelock-4.3.1.dist-info/WHEEL": "2iZrJkDIkeDh0k9SikKMqFuRP-ua6mb4Ir1AsER4BEw",
        "filelock-4.3.1.dist-info/licenses/LICENSE": "YIyJ1QYK6ZIa3M8yNmlbxlSplG4SMj72wCHfoE4pTUg",
        "filelock-4.3.1.dist-info/sboms/filelock.cdx.json": "ztA27O2Ql8M6r22BeIgdvYyuhQcsBDk3UEUVM6uM558"
      },
      scripts: {}
    },
    "humanize-4.17.0.dist-info": {
      wheel: "humanize-4.17.0-py3-none-any.whl",
      files: {
        "humanize/__init__.py": "aVhrycui2-Dapj2fgu7Rb4URqdoczy4QRc1RdakCjkA",
        "humanize/_version.py": "lVF4A79U8VdfNAP-9arbthYJs_uocpmhzderOGpDyFQ",
        "humanize/filesize.py": "9AKwBvoVxWZ5sHbi5IAQxRLJN8bs2JI65REZjOWrkvE",
        "humanize/i18n.py": "0l0JieoWl04VBf3C1KtSlJQWQM9K6FEC7fxt_TRIi-Y",
        "humanize/lists.py": "YiU0rQ2eAmKA7GJ_Nj6-jEvg2-Y0VWG1cBh_XDvnJqE",
        "humanize/number.py": "KrYa-wOrI_GDqU3BaT7exmBlIhG9r88u-0v4dSEi5vs",
        "humanize/py.typed": "47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU",
        "humanize/time.py": "SjJUBO9LjidnfS6FTUkO7UIQmYs55EjoI7DGov6mliA",
        "humanize/locale/ar/LC_MESSAGES/humanize.mo": "OP4CMBLGKeLgxkgj8RgR6c4epqHuosU7EjG1lc0fn6E",
        "humanize/locale/ar/LC_MESSAGES/humanize.po": "HHWmHtnLkN4uHZrXP96JLbDa_vajD1zP_FCjVvo3oBY",
        "humanize/locale/bn_BD/LC_MESSAGES/humanize.mo": "syg1UYaViD8U86auzb-7YdNE74A3s9qn1XOhVF3Pjng",
        "humanize/locale/bn_BD/LC_MESSAGES/humanize.po": "1jxgIUHlOInmmYpq0Ws9ppWhUaxPdVJp9sl85W177_g",
        "humanize/locale/ca_ES/LC_MESSAGES/humanize.mo": "SgHccpxOE_B0U8ZY9-QEobJcDigyEv9t3AlfoeFvENQ",
        "humanize/locale/ca_ES/LC_MESSAGES/humanize.po": "gcLXsSCoP3aWT5XTdWqfgGlazNR5viZvSF13XSmM8r8",
        "humanize/locale/da_DK/LC_MESSAGES/humanize.mo": "L6-vhNpdwtjHQJ_YO8WBXvazleTd5x31yNGrxkXc0zM",
        "humanize/locale/da_DK/LC_MESSAGES/humanize.po": "e71vBLBe9SrJMs54IntUhezKN0k-mu7xDbgYMAIHYhY",
        "humanize/locale/de_DE/LC_MESSAGES/humanize.mo": "TSgXSRtecjrLtqAf3ueubv7AR-lyDr4wPGCVpLGEsDA",
        "humanize/locale/de_DE/LC_MESSAGES/humanize.po": "otmzQwiGML-KaMGU20Z9G8dOdCyp9BoyZx0x-RKpe9E",
        "humanize/locale/el_GR/LC_MESSAGES/humanize.mo": "YNJAHRmbalFMUVcdSMgq0Gd1EAO8DP4YQPI04pnfuR4",
        "humanize/locale/el_GR/LC_MESSAGES/humanize.po": "EEhINHnNQlS2U1k3hCDvk5E60QWuwwxZPZOO3ghOuC8",
        "humanize/locale/eo/LC_MESSAGES/humanize.mo": "dLdHiFRukyn0Z6n3JTaJg256OHyQgTBVboOpUfpweLA",
        "humanize/locale/eo/LC_MESSAGES/humanize.po": "FT6kjvR8OQQ4sn07eK8PPRUCMWutIt3dYRlw5bVA8Mc",
        "humanize/locale/es_ES/LC_MESSAGES/humanize.mo": "to6-MnQ-PO5t0IjZvMUtavtD8y8XqZZ4UlFpv5Q3xJ0",
        "humanize/locale/es_ES/LC_MESSAGES/humanize.po": "ZmmAeWKciyL4iOavQcnqQ08EaQApwtqDMYW5g1gSTOk",
        "humanize/locale/eu/LC_MESSAGES/humanize.mo": "EA-46oyI88IZbxygByCqdsz0UfHLxOywcC9USRe6gvw",
        "humanize/locale/eu/LC_MESSAGES/humanize.po": "VhfHQZakLoGBkhmrp6qvYOZ7U6VW90_pfa5KiO0OHrY",
        "humanize/locale/fa_IR/LC_MESSAGES/humanize.mo": "xOAnsMuN6kcVwel5ClEw2O00o6zEtTTuRu2bTt9lJhc",
        "humanize/locale/fa_IR/LC_MESSAGES/humanize.po": "aEw_NiSanZRmmADiwQtbpcGMJQu3XT_9qvOpkysBTx0",
        "humanize/locale/fi_FI/LC_MESSAGES/humanize.mo": "0JldeWK1saP2tDrsaicmTZkO9nJu59dhFrUfoBIGVHU",
        "humanize/locale/fi_FI/LC_MESSAGES/humanize.po": "nDcERUDygwzzA3n8nKj8OjAR0xHBWUWo4bY3t-k8QyI",
        "humanize/locale/fr_FR/LC_MESSAGES/humanize.mo": "M91tlNenW_baaF99i48lsn2_ZfNCwJXPb146jXXQ26w",
        "humanize/locale/fr_FR/LC_MESSAGES/humanize.po": "7F-gMmgsg56VUC7titRQk27hPUsrlJxT4ah7G4okBtI",
        "humanize/locale/he_IL/LC_MESSAGES/humanize.mo": "vUXv_DqaMMKkQk-viOi_3Zu70oNhwB8qBp2indcOuaw",
        "humanize/locale/he_IL/LC_MESSAGES/humanize.po": "9cTCmgNS4r41Ab7jPwGDi_BuosOV6wS7Op7MMVfGalo",
        "humanize/locale/hu_HU/LC_MESSAGES/humanize.mo": "FeGQ_wYLUXkmb4DO5aUY9UqH-vZBQsnqXh6NEjmGSu4",
        "humanize/locale/hu_HU/LC_MESSAGES/humanize.po": "gZPqc88o5Tu_j91VEQBOv8gHWEWLVRkfDybzQ4leKTU",
        "humanize/locale/id_ID/LC_MESSAGES/humanize.mo": "XZ0vdej3X_QITUyNiqv0rmvVrSkFKoP3PxP-bo1Q12k",
        "humanize/locale/id_ID/LC_MESSAGES/humanize.po": "8UZyvmOSl8VQ-3JdYuq7fn0tNE99Bg_ePAStJoNL8Ls",
        "humanize/locale/it_IT/LC_MESSAGES/humanize.mo": "kSsMdgVUVN3C01ILqHLJmmT33Gf8RjMQE4FgMyNrUaU",
        "humanize/locale/it_IT/LC_MESSAGES/humanize.po": "nlMLom6yHsRVTrVNAnWA94YQ1JTArVv3y_dz_QcANWA",
        "humanize/locale/ja_JP/LC_MESSAGES/humanize.mo": "cKgNQqSjEmU_mLhmMXi6UoLv29fco9eWBmWbOIAPhb4",
        "humanize/locale/ja_JP/LC_MESSAGES/humanize.po": "biw-h2qwsBQ31yhdGylfAgITYAylgQTfEm6Qt9cYazo",
        "humanize/locale/ko_KR/LC_MESSAGES/humanize.mo": "3in9GXBlVgwNtrIzIiE-Kn3YCSuBptVO9WaJT87GDGY",
        "humanize/locale/ko_KR/LC_MESSAGES/humanize.po": "Dg8Fg7X1Xz4zZUprt1jDgSf3capTtysR2yI3oaNzu5A",
        "humanize/locale/lv/LC_MESSAGES/humanize.mo": "KTn-fVC8MCq-bnN9zEUdAdExkmZ29Hq8tGR99RM14IQ",
        "humanize/locale/lv/LC_MESSAGES/humanize.po": "_fV17fLqIiPXTtbDGSOIax5FxstCrHAJ-yhRrCtZn4k",
        "humanize/locale/nb/LC_MESSAGES/humanize.mo": "I3mRlGYJZMoQD9EVT8hcWy-b3KMp_YrYZNunAGVLKAM",
        "humanize/locale/nb/LC_MESSAGES/humanize.po": "M0YbUB9NXXANH_XC4Q7bNYaiAnJ_yM8TAfCjSch1Z8Y",
        "humanize/locale/nl_NL/LC_MESSAGES/humanize.mo": "TVATor5hf-6U5tJmv5uysNVco225x3batwUPk1e_ahM",
        "humanize/locale/nl_NL/LC_MESSAGES/humanize.po": "G6kuSpafuiZ2AiJ4eZfsLyU05hlyVFcuJGOr_o8hXGo",
        "humanize/locale/pl_PL/LC_MESSAGES/humanize.mo": "Z1Z10XVfPNalvnpB5bzvDadwsFOv3oDrB5hiZC4Suy8",
        "humanize/locale/pl_PL/LC_MESSAGES/humanize.po": "Zhko1PWGLodlHn5qZMDdsKhpZPqnivANeiZGsaLiQRM",
        "humanize/locale/pt_BR/LC_MESSAGES/humanize.mo": "jmhtFsbq1ouDPAaHpXZiqyYF20tIrA-kvnmH1xOS20s",
        "humanize/locale/pt_BR/LC_MESSAGES/humanize.po": "AFGjjkFBuYgi-RGNysp0NcrZ-cl1xIeTsGYfyQc7GqE",
        "humanize/locale/pt_PT/LC_MESSAGES/humanize.mo": "7-gN2z89weF2FKr7Moh1bcvNG7gcpbW05sMqHNwi0so",
        "humanize/locale/pt_PT/LC_MESSAGES/humanize.po": "s8XVx8KFQCQYGeCeLCa8dpJ78jGEnC8hl1Z-fAcjuuc",
        "humanize/locale/ru_RU/LC_MESSAGES/humanize.mo": "xGyrc3x6ggJbEGBMMxweBKRdHXnDjEv6SyB5fu8KwAs",
        "humanize/locale/ru_RU/LC_MESSAGES/humanize.po": "IFEuQLoegOQFcoxQaykmIvip39bFgTYtQOfedRBAUJ0",
        "humanize/locale/si_LK/LC_MESSAGES/humanize.mo": "3AvHqjkG_XdOjQBC0zQWrxvS0a2DQnJjCv-y4DDTv78",
        "humanize/locale/si_LK/LC_MESSAGES/humanize.po": "ygyFngAueaYWvtagZqurx1g2FfW6d9abs4GSZ3OkpBs",
        "humanize/locale/sk_SK/LC_MESSAGES/humanize.mo": "cF0_-4gZ_DJgh5L2QtdEpl5VDhRyjGUhMilKVIWva3k",
        "humanize/locale/sk_SK/LC_MESSAGES/humanize.po": "s1w3sCVZo4WkFxnDSvtINp3I8KPzpABwoHK29tOO-5s",
        "humanize/locale/sl_SI/LC_MESSAGES/humanize.mo": "8fxgohvdNgF4BTmjpJZ7HuCs6CPIu5BQg3PRm6DPpi4",
        "humanize/locale/sl_SI/LC_MESSAGES/humanize.po": "cBJAo7BntATLI3NgIoYVF1Yaw-G8sVXcOGg6oaAnwCs",
        "humanize/locale/sv_SE/LC_MESSAGES/humanize.mo": "vPsFEh-JHNF-BHqGuDPgkSDn75k9bUS-UhGJTieQY4I",
        "humanize/locale/sv_SE/LC_MESSAGES/humanize.po": "lt5mIA4FtPpalWI-z4WuPD2Ic9EM0TRr6CJ68up5JYE",
        "humanize/locale/tlh/LC_MESSAGES/humanize.mo": "fHQTz2fG_8YDrcFK_S3ZWHbK5kxmuzgpsETqoox0umM",
        "humanize/locale/tlh/LC_MESSAGES/humanize.po": "oDyhWBzGSIvQxG4HzSJPhsuub3Rt3DdVmQlvrA5QVYc",
        "humanize/locale/tr_TR/LC_MESSAGES/humanize.mo": "pdV_yK1EaipzJkzl2giq8rhvmhPBmortYc2R74U4jr8",
        "humanize/locale/tr_TR/LC_MESSAGES/humanize.po": "N8Ou4_0eeLtoeR-JZJYo6_jeeckcJE33YNzpI2f6fAY",
        "humanize/locale/uk_UA/LC_MESSAGES/humanize.mo": "TzXJ2XpuHM-KbN8USKen-3zdE4oR4PGlYgzljNM3g7I",
        "humanize/locale/uk_UA/LC_MESSAGES/humanize.po": "fWCl_9OPcWfXyOBQs43K6zRPMeeZtYoSm5dE33E3WgA",
        "humanize/locale/uz/LC_MESSAGES/humanize.mo": "bM2g9i1hjuNV0GAaYZHi3-9jhwH4jvfz9eyG3c0sZd4",
        "humanize/locale/uz/LC_MESSAGES/humanize.po": "jxfSW5vzc18x_csKczZdG3Q0d8yZ6CMQ4AKgJhV9s0c",
        "humanize/locale/vi_VN/LC_MESSAGES/humanize.mo": "fBoIKH4Zkn9XjLL5A3MuCJCPYZbw_9OLELdGMM6i6BQ",
        "humanize/locale/vi_VN/LC_MESSAGES/humanize.po": "VxhuHhaW6Q4w-ugYiN1ohXK2MUBomUKAyXRZHV2lbYE",
        "humanize/locale/zh_CN/LC_MESSAGES/humanize.mo": "lX1AjtaFKjNaAMm2J__MPv3k7S-cCDFkgzlcS9_hnQc",
        "humanize/locale/zh_CN/LC_MESSAGES/humanize.po": "H0pKCpUlltNSEBl9CZ-76HNv334YmJmVs73gj5zxOTE",
        "humanize/locale/zh_HK/LC_MESSAGES/humanize.mo": "S6CUqiYiuLw9jzuzZo_zfUgjzd-q9AFqVezOJnXA0CA",
        "humanize/locale/zh_HK/LC_MESSAGES/humanize.po": "MX9yS1UhlOuyucq6hKxpKZbQKg8etc16MyFFSwZQqdc",
        "humanize-4.17.0.dist-info/METADATA": "N7sfLOLXJQvvxPBO3BzjyAUTRQ88o0FoyQf_N8cSZcs",
        "humanize-4.17.0.dist-info/WHEEL": "2iZrJkDIkeDh0k9SikKMqFuRP-ua6mb4Ir1AsER4BEw",
        "humanize-4.17.0.dist-info/licenses/LICENCE": "i6bBgRKkMUAK08dD9wZwB5swJUXZiIT8LyipHDg6A4A"
      },
      scripts: {}
    },
    "nox-2026.10.20.dist-info": {
      wheel: "nox-2026.10.20-py3-none-any.whl",
      files: {
        "nox/__init__.py": "kimnUQp2jrvcNjP_-SM0OwZVVoUK4tjHxCbQUI166sk",
        "nox/__main__.py": "P_kjlThNaFgXgPKJ69lHGESGtVZFUrb5rr7Rg2uO5EU",
        "nox/_cli.py": "i5oMw4j3JzwCoGpals-WHmITOEg8z1Xjs-79EGCzagU",
        "nox/_completers.py": "KfqS2DJNKgNqH4u5Eu7ePaOlmXri_saS2m8IPqEx7i8",
        "nox/_decorators.py": "iRnDAWtE0HxfV640XfNNfEc50lxo1Li9FtmEMSfYY6o",
        "nox/_merge.py": "Iml_6mf4VD4Fpq48dGxKen3-HGE1v8h0Ynrjd_eeFD4",
        "nox/_option_set.py": "Cw8N93M2fo2phS_S0HkAZV1gH4wrVLwUy6ckW_Gz2bY",
        "nox/_options.py": "Sc0dSLYfS2iG95yylC47EcOC-272-lgqs0Xe5Nxdwi4",
        "nox/_parallel.py": "UQM_Tuo6bLTUp1oqkkNw19lGde-s5tb9cCS4KfyfKpg",
        "nox/_parametrize.py": "3FzrFC0bhtdCuz_Kbq5AzJYUS7xwdFy2fZxDCk6XTck",
        "nox/_rattler.py": "-5_D1ZnPAQtSscyi3ToTMMK6zXA2osQK-TA1HqJXDEY",
        "nox/_resolver.py": "88oacMh4i3VwPEgZKqYKb7N1mUXjo2P_DEYKWxZtMvk",
        "nox/_typing.py": "o8KkR5K8Wjrm-oryck-kqVURxjW4Zdx_j8UKNv-IgeE",
        "nox/_version.py": "i6yuG1UMgBm4DuW7t9FRYrUyCKvfkIP9f-Ef7BLYjAk",
        "nox/command.py": "jsief79vUZict6BfRWvveO0Q9tpLR5_hR9TbfP7a0Pw",
        "nox/logger.py": "cN5QEAd0sIT8kcEiJFZ6bQi2jeey50UIZXLMOx_QeHg",
        "nox/manifest.py": "eFgz8iqlsuzYYIvFSFkVvTvh8fo_VT6dm82XwYL8DLo",
        "nox/popen.py": "yP12b65yLyz7ONcfWHYaN9fl5wk7q8kZcz6XIpojluk",
        "nox/project.py": "j_tDI_q2QQ-LdkkIkqGriVlC5sjj-As9fFp8lW6u0YE",
        "nox/py.typed": "cK5dfyoI5EdmXD2kzghx-_yZBS9eYn4VnpvJ5urnaH0",
        "nox/registry.py": "rbMMxAjUoyu5ckwh8Ykh1AyrUDrFcqrgJsdrmiJKMeM",
        "nox/sessions.py": "lWVx5ATSNI7syMzJJmMyb-58bjiwnKpLw4bzIocCfME",
        "nox/tasks.py": "m-HC0xda7I3qcC7LA-EzImnR0DWLOeNou9ZqfhBAAVY",
        "nox/tox4_to_nox.jinja2": "tApTvVdWUaGOjRdnVYT4FQAmCNl4yhUnzVt6FPzq5EU",
        "nox/tox_to_nox.py": "7e9IqQVjfV44jb9rKhKe5i3FnuqRV9OQrCTr-zI6ODs",
        "nox/virtualenv.py": "NG6i8EBnVvZm-4S7nnvdJZ16BAkgZT773Euri0WlqYc",
        "nox/workflow.py": "t5ptK-Vi2rGITbXNVawKQTdQKV0_mJ77C80cJEXDhfI",
        "nox-2026.10.20.dist-info/METADATA": "sV5QzlMpeQrlrJjtBljuED4o8hnEvvLYHuVI3fg68XI",
        "nox-2026.10.20.dist-info/WHEEL": "W3fkpkm7-wf9vBI5Z-7s0eWkeM-spu78I8Neb98DeEg",
        "nox-2026.10.20.dist-info/entry_points.txt": "-cDYWdCiyL6EbFiowU3_MkMXIZX03eNKimMGJVY2jpc",
        "nox-2026.10.20.dist-info/licenses/LICENSE": "xx0jnfkXJvxRnG63LTGOxlggYnIysveWIZ6H3PNdCrQ"
      },
      scripts: {
        nox: "nox.__main__:main",
        "tox-to-nox": "nox.tox_to_nox:main"
      }
    },
    "packaging-26.4.dist-info": {
      wheel: "packaging-26.4-py3-none-any.whl",
      files: {
        "packaging/__init__.py": "vJboMfifLU2tLCtxy2rEzRdL3ZT45l7ITk6YjDDB9u4",
        "packaging/_elffile.py": "AfrYQLwtgyl7HyyzvlTBMUqnaxPDs6YLS3OOin3l0Oc",
        "packaging/_manylinux.py": "-CpoFRwPlQ7yNeBARfSkdqCQn7Mjhft19XCTD2kRBIY",
        "packaging/_musllinux.py": "5L8mA3A7F-KA9_rhClAXWG02LQFc7y1jK5nWS4M3s_M",
        "packaging/_parser.py": "j4a-xMbVkm9vBzOH-rPxeweGQo8SnqwrHRL5Jkagbls",
        "packaging/_ranges.py": "pZ_YeNNROUS2C2ZvURBN_Zh2oH77wLf4AF3kh1Ydf2w",
        "packaging/_structures.py": "1mfodi_wDyj-FOVGkFMgQb3Zi9NfsSSJrc1bF5V-PU8",
        "packaging/_tokenizer.py": "5anUs8raLorEp-6-NTFcymrl1uUXdf3keuEE4cGYoMA",
        "packaging/dependency_groups.py": "LpMSX4HlI-1RDOBU1kz6LEH2dtgrXj9X0lnNJr-Xyps",
        "packaging/direct_url.py": "sbCtGiV6_aH60fxufZZc1DrBteSt7UYTS6DylOAbOKw",
        "packaging/errors.py": "ftDtrHO7mU02mDs_99So_sx_ASKmKbqGu-H5yzmVRsY",
        "packaging/markers.py": "kgyPXkMoPRK0NUHh3XC03cT1obOTGxcJusSFf8K_sAE",
        "packaging/metadata.py": "S2-dV-mgzdMHL-6jsjNeWZjs8D1z0GkgiPbc65rI4V0",
        "packaging/py.typed": "47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU",
        "packaging/pylock.py": "WXMSBmTuhgY7D2EI8DiMcBCX4Q46j01OlRH7YLCQXps",
        "packaging/ranges.py": "mHfiJcj7Wl8KvSii2cSRRexK_g0_uG5HxLmrtX6m524",
        "packaging/requirements.py": "seK_Z3ZSAXEGBC2rJDzjzk2I260-nO67mrsgJF7UnAE",
        "packaging/specifiers.py": "tH6_SSJS3xD5BSe7d1Ycl87cCgh0FaW8zQLANHogai0",
        "packaging/tags.py": "_RCusQMR2c2t3UDBBB7ZrRPN8CIULl_g8pk7kt3fL-0",
        "packaging/utils.py": "h3Pnueep7bFi38GXM29-tczWg6z5hebKuAJcAcStzpw",
        "packaging/version.py": "081tnUsgqj6F5qdoo_3Ex5mGIFXT4WrTxUTpSV5U-Fk",
        "packaging/licenses/__init__.py": "4BhNzThK8AQzJVEaaHHqv21JzpLXT6kNpnjihFY3PLA",
        "packaging/licenses/_spdx.py": "NTW0jo6nOdrtH-1C9aGBT15lN1FvdJ-wSEbHV2ajLGg",
        "packaging-26.4.dist-info/licenses/LICENSE": "ytHvW9NA1z4HS6YU0m996spceUDD2MNIUuZcSQlobEg",
        "packaging-26.4.dist-info/licenses/LICENSE.APACHE": "DVQuDIgE45qn836wDaWnYhSdxoLXgpRRKH4RuTjpRZQ",
        "packaging-26.4.dist-info/licenses/LICENSE.BSD": "tw5-m3QvHMb5SLNMFqo5_-zpQZY2S8iP8NIYDwAo-sU",
        "packaging-26.4.dist-info/WHEEL": "rLJE8OLPBZbz7tqxs1yD-wA-ADa1Ec5PuYU-Y_PNWDI",
        "packaging-26.4.dist-info/METADATA": "8v56NEDtDmf3A-yc8Cdcn5snvg6uOEQlhgbKp7DFbWI"
      },
      scripts: {}
    },
    "platformdirs-4.14.8.dist-info": {
      wheel: "platformdirs-4.14.8-py3-none-any.whl",
      files: {
        "platformdirs/__init__.py": "IJQ6sesscmxTwbr5MKTECKCr26YKmOESDS7uO-HH_pA",
        "platformdirs/__main__.py": "YsGmXLRsiORFz199xeVax5TvkE3NWt53SiNfoOebVlU",
        "platformdirs/_android.py": "mQnBrYmp2AGu8vA1OPh9wsBgfJqwwP9QJy7V7ceS45k",
        "platformdirs/_paths.py": "ALZhoUoVOn3UcrE3n9mUs19vHN3GnidiMxTRbTgs8Nw",
        "platformdirs/_runtime.py": "MyyW2pdHs96MabCbPqAX_uMmuLW67RT306Nw0uYLNDI",
        "platformdirs/_xdg.py": "dXLjN00t0BM47IE5-TH5V403WYha-pA_wC6XOHig0I0",
        "platformdirs/android.py": "R1tN_r3Nu8mz721FgUk462erASZ4N1gfa1_WXQUymLs",
        "platformdirs/api.py": "OS3DKVncyAE3WXNeJamKJZ3TtjuF_QFCFV_r6Tkryr0",
        "platformdirs/ios.py": "GjtRehsSPy6PJ-9C5ZJ3kP20LK8ExIAcJL642fhuADE",
        "platformdirs/macos.py": "EhobKxiYYghUtq5yc24p8_KnZKw-qf_pUEhkhDAzRMk",
        "platformdirs/py.typed": "47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU",
        "platformdirs/pytest_plugin.py": "feRLt-Av2WBIEEXFX0oq6YIF2oml6Q2HTuR5gnpGSEE",
        "platformdirs/testing.py": "T6DX-iRYovYrlFAIbBKhhM5yjg1Y7sQ4Jb9DtBaAClM",
        "platformdirs/unix.py": "acHJAfjBtKJzPooEuWPztVJUEUR46zV2wEwohXVJQkw",
        "platformdirs/version.py": "5FXF2h2FH2CjyBkYvCdA-SdwlqEKPFm-FRBXrOPL_S0",
        "platformdirs/windows.py": "n6x04BtJRPkS_0a7KsuWGZ7SIaXF3KEbXo98YzztmXo",
        "platformdirs-4.14.8.dist-info/METADATA": "FmFthDfAmParmRdewIHDzIav1k7xKgqGKgqcx1UdBF8",
        "platformdirs-4.14.8.dist-info/WHEEL": "2iZrJkDIkeDh0k9SikKMqFuRP-ua6mb4Ir1AsER4BEw",
        "platformdirs-4.14.8.dist-info/entry_points.txt": "8M390j4HpK5sK4JWAzAIkKeL62cOg-IKBY8pu6uq6mU",
        "platformdirs-4.14.8.dist-info/licenses/LICENSE": "KeD9YukphQ6G6yjD_czwzv30-pSHkBHP-z0NS-1tTbY",
        "platformdirs-4.14.8.dist-info/sboms/platformdirs.cdx.json": "QN7Kmkr0dIyHJAt_v3odW1HfG9WveC_s2aLxR-LIgwE"
      },
      scripts: {}
    },
    "python_discovery-1.9.6.dist-info": {
      wheel: "python_discovery-1.9.6-py3-none-any.whl",
      files: {
        "python_discovery/__init__.py": "KpuMODlseEEYASWQzYZ2fjkMrhqSIZTTsZ9Pnozy1u4",
        "python_discovery/_about.py": "EoO8gjKg6fVV_Wal0R3aYS1SU0Co0I-lvZIy-1SoWD8",
        "python_discovery/_cache.py": "8QSncQ8u8hgdZED_iI0pGvEwPwj9Ej-Dht2k3a46FAs",
        "python_discovery/_cached_py_info.py": "EyJb7XuJLdGjQSpscGFN-BTPfCs1oDFlz6pMckYVZ30",
        "python_discovery/_compat.py": "w1Uoeek2yt1JcEovoszF4y3mwPGK4GKHErh_pXIxVMk",
        "python_discovery/_discovery.py": "N3Mt0LJ_tS5-UMM3dcRha_Gs7NNv5RgRz7wZrzTzqJk",
        "python_discovery/_py_info.py": "ptt1IOycXCPBW3gn4nLHXuG8ifhCVEiA37WXd2zPRtM",
        "python_discovery/_py_info_collect.py": "4CSZgsrWG95Ge5ZguwYwGga2cpHUwq9QYvkIY5x3jdU",
        "python_discovery/_py_spec.py": "tVLDAJz4i2q2WxffzvcxMRpxRxPIEJ87YeT9ho0gmwo",
        "python_discovery/_specifier.py": "oLptqFkXsHXIkmk6oXGnF3n_FNjv1AY-Ll4-5Ni8-LQ",
        "python_discovery/py.typed": "47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU",
        "python_discovery/_windows/__init__.py": "iDuTcmWkXFjuFShD2ggKq1hlEg3vFAFNfra_uEQotPU",
        "python_discovery/_windows/_cancel_io.py": "zL5eA-jCnXBRxfQGzOTYSNywDb-Yg6yAnZzXtBfUKIQ",
        "python_discovery/_windows/_pep514.py": "GeWtQ5cLFxm0mLO50iqW1UrEPwywktOqSOThd_Kj4j4",
        "python_discovery/_windows/_propose.py": "TGX3ann1ajRwL8D4r5bzjMoW8Ux3LnkDUo8yADIWpGc",
        "python_discovery-1.9.6.dist-info/METADATA": "NddZ2TORUgu07vfC31Tf4Rsnq5db4zGdM3SyYatt2XQ",
        "python_discovery-1.9.6.dist-info/WHEEL": "2iZrJkDIkeDh0k9SikKMqFuRP-ua6mb4Ir1AsER4BEw",
        "python_discovery-1.9.6.dist-info/licenses/LICENSE": "kOJeH68qSq6o2V7o5_VziwUqGswMnFgGgQH5Mahr1Yg",
        "python_discovery-1.9.6.dist-info/sboms/python-discovery.cdx.json": "gxahp2xiapjldpmFx6IjGbtsJiD2mxqcyYzIr0IHb54"
      },
      scripts: {}
    },
    "virtualenv-21.15.11.dist-info": {
      wheel: "virtualenv-21.15.11-py3-none-any.whl",
      files: {
        "virtualenv/__init__.py": "7h2FrXUofPRFdGK5zrj2E1n1CmI4ZZCA3Xf0c-VRyhA",
        "virtualenv/__main__.py": "wCaNrfJH0ubTTEJ5uRVVhtBGcGeZlkChFm5AnSoet-I",
        "virtualenv/info.py": "4PZ9DZHNrsDjrz9Rdby2ZsPYo2ERyy_uU50jKiNYgpY",
        "virtualenv/py.typed": "47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU",
        "virtualenv/report.py": "DQSNw_IX_lbZYaOpZaKBkqjmVX8-EiusgCEG9HwxI3U",
        "virtualenv/version.py": "rwSw5MZwTJ3lCiifTST84OL7IZJ2xb1SXlF8Vy2EgvI",
        "virtualenv/activation/__init__.py": "ieMqwH7PyPP9fEu0aRs4wqRQ7-3DP4J9BbBB6gaHmZU",
        "virtualenv/activation/activator.py": "PeVbgTRokkseCt27y1Vh6INcWiQZODaMroGQgExBD0U",
        "virtualenv/activation/via_template.py": "1rtoM1qR9FxqslL0EDCvHA5WTjfo-m0wmmwGfsa7cgM",
        "virtualenv/activation/bash/__init__.py": "Sl1oFygWIvP2w-BPmjspVNTUnOrSQ8VgqUu4-3oeuJg",
        "virtualenv/activation/bash/activate.sh": "_IqEbygcFJATtC6XceIWXXqJRXCTbGyAIkGLrQ7Ebdg",
        "virtualenv/activation/batch/__init__.py": "60ctO_-7nJOQRTl_fkvQM1t7SIlq1fnfNPwJa9CQpKo",
        "virtualenv/activation/batch/_assign.bat": "InghGWNGo8xaOsuYYE2GiXsgLKTp7rsiJPU-Hc-vtr8",
        "virtualenv/activation/batch/activate.bat": "2kwdo0qLf9tO8ll9yyNPgcKO0RHhlOy1LRk1oXwmJGs",
        "virtualenv/activation/batch/deactivate.bat": "lDsQnj58DQ43KcUhrFq9uPxlCOWx__tIlVl65R-gocQ",
        "virtualenv/activation/batch/pydoc.bat": "7Z6aRbtdWEW1sUcRZHnENWoIteW74bKlrjIqxu3WLd4",
        "virtualenv/activation/cshell/__init__.py": "bIA29my8BKndxnSmwxn5hFp0TFociBOrQUU8lBIgURw",
        "virtualenv/activation/cshell/activate.csh": "KtL-vv61Qn4xxw2NusxwAiLO3lZUt76yk6Tr2zGO15c",
        "virtualenv/activation/cshell/deactivate.csh": "9N-OHi68YjO3CDcxKnJIq4Gu-29bi9nQiZkc3JkWPdo",
        "virtualenv/activation/fish/__init__.py": "qiZ-CQ0-3vqQbJV5EoplazbThHfRCMaIBI2WwvUOroI",
        "virtualenv/activation/fish/activate.fish": "avNazxVjjU4FGTabU2A_5PpMBfaCxXjd_jxvg1Tybvs",
        "virtualenv/activation/nushell/__init__.py": "_GdWUygUwM_cFv3eoz3xM_nFxX3lq2j2ZYtnoIC0m3g",
        "virtualenv/activation/nushell/activate.nu": "g7BkfE5LzFDfOuK-v8nrP1-BZyEpM3dFxDVDwFCrIDo",
        "virtualenv/activation/powershell/__init__.py": "l7rt5sseuqIoWYhB2mk4l6i_4lJs6xVXSc93y_6gaa8",
        "virtualenv/activation/powershell/activate.ps1": "8DbioykssNuNNtGVs_c-LEt_XhliGyIE8dFCwKjwcAM",
        "virtualenv/activation/python/__init__.py": "UdXDgie9EDEsRNXbxLtU03L14Y-46rH_IFyJgKH-Tl8",
        "virtualenv/activation/python/activate_this.py": "yMmmHsN9L5423Io3wv7_SFJqS_bRwSYrZvNMhkyKLNw",
        "virtualenv/activation/xonsh/__init__.py": "JAtdeSNeQCJwDvLJAmy00f8x36zWv24ccmfxu1DA8_k",
        "virtualenv/activation/xonsh/activate.xsh": "4kF-9xcvWs6dpx3wLL073AG33YcVYHX_66-4s6AwQMc",
        "virtualenv/app_data/__init__.py": "ZOsNY2MUjy6N4C-bq2TUctzBvIu2UsWD6ZalAOJyfzw",
        "virtualenv/app_data/base.py": "YMQn3vIAYjmAeHQJPo15lZOeTco4nts2dXuLogwcpe8",
        "virtualenv/app_data/cache_migration.py": "hFFIuZD_iIX1BEd2mDqj3pisKqQ_OvFabsATe0Hjo2g",
        "virtualenv/app_data/na.py": "94nhndjTSKsTX1_dLZmrDsz2g76_o75na0hdxNbDq_I",
        "virtualenv/app_data/read_only.py": "BAOxiRC7m8-BjCcjrimpH07px39vOujYaA0ARBPfmyo",
        "virtualenv/app_data/via_disk_folder.py": "hU3PzhtIkjYljF287EKKXq6InisYoCw1PrMX5vCEW7I",
        "virtualenv/app_data/via_tempdir.py": "IFyZBIUeDObrdAwkdwy2gByWB_qDnEuiYNwQ6-IA13M",
        "virtualenv/config/__init__.py": "47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU",
        "virtualenv/config/convert.py": "aqY0u5beoPKsRuqIVtbXWEl6PBUnl5sY_UfwFsw3Vc0",
        "virtualenv/config/env_var.py": "PmelcvoBo1K6BjIr49aExGb21-FZ3v1KS5HNeTgTHp4",
        "virtualenv/config/ini.py": "fhXsZ3A-_uZRc1hIX6K8Ptln3gkGMLhuGXIBE0gnFek",
        "virtualenv/config/cli/__init__.py": "47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU",
        "virtualenv/config/cli/parser.py": "pKg47nqRRmehs7KI8Bc2QKH9tBU4OZqLTZ7vICY_fcU",
        "virtualenv/create/__init__.py": "47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU",
        "virtualenv/create/creator.py": "MZL1yGOWUKZi7I63k681HjXXBwDFnIY08quhINMxt6A",
        "virtualenv/create/debug.py": "FDFNDlYFUFD7oT8gBBinPn9cvBqTj0bsb5dAzECgejs",
        "virtualenv/create/describe.py": "8g5ktufqZ3PjH0d5RXHylM6Ht8z7pyu82U-b4BmwG4s",
        "virtualenv/create/pyenv_cfg.py": "Qag8AdZ_h05tv7j0H170ICLl7Yy7xtauNHAEl3zM3Xs",
        "virtualenv/create/via_global_ref/__init__.py": "47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU",
        "virtualenv/create/via_global_ref/_venv_scripts.py": "RPx9drakaiw08gFF-oC6y0O6fcVmzw3YIxGFcNSuDvs",
        "virtualenv/create/via_global_ref/_virtualenv.py": "z-Vsr71o_TGg6HEA8RHX0va3FXJBCWUAATwH6I2Aoi8",
        "virtualenv/create/via_global_ref/api.py": "qUO-x1taEg777g5oWtrfDmOL65-CLweRl6mluzsTklw",
        "virtualenv/create/via_global_ref/store.py": "7WyEW0tHXCrvW9aH-YNqfC08tdWw32rvYJdbBDNPazM",
        "virtualenv/create/via_global_ref/venv.py": "0MfdOFQ86D4qKdegpEunKSyqV84GmClezoCJNuxD_Rk",
        "virtualenv/create/via_global_ref/venv_copied.py": "qGiMdqi4tEC2TWlnrbVrk2LJHa4W_XMQi-cAF-MVtKk",
        "virtualenv/create/via_global_ref/builtin/__init__.py": "47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU",
        "virtualenv/create/via_global_ref/builtin/builtin_way.py": "CizoJ0zGuHS8yt3-88tGK-uHisBp8_dr62DjbCMV5Vo",
        "virtualenv/create/via_global_ref/builtin/ref.py": "U0-9gPkQxmx3Ox_IKUbkULdu3EjQwpZHAJyxi0YqEp8",
        "virtualenv/create/via_global_ref/builtin/via_global_self_do.py": "IDdQ6g5cFnoJ19wIyz0QGRvrCu-JNc83EYx2l2HWEI0",
        "virtualenv/create/via_global_ref/builtin/cpython/__init__.py": "47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU",
        "virtualenv/create/via_global_ref/builtin/cpython/common.py": "3LMkCpN3QS52YV7PHcWsogF3r5abhpdOb0J4Y9dTOE4",
        "virtualenv/create/via_global_ref/builtin/cpython/cpython3.py": "gajk0i3F5RNzkj47OVkYm4s210gPGwDf0Jk6lItcYBA",
        "virtualenv/create/via_global_ref/builtin/cpython/mac_os.py": "uMuc8ZbcU6FkYu42BXYc0nYRn_wy_R4DxvM1puWemaA",
        "virtualenv/create/via_global_ref/builtin/graalpy/__init__.py": "dVWij2HTx6AsuBggGlXwyGdGkKWGmYkEcVpcrqM8g7k",
        "virtualenv/create/via_global_ref/builtin/pypy/__init__.py": "47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU",
        "virtualenv/create/via_global_ref/builtin/pypy/common.py": "GOS3XxQtM6JMYxA_OskaEfF8TA60Nwpx9xTSw64lb8E",
        "virtualenv/create/via_global_ref/builtin/pypy/pypy3.py": "Ql0nE5SI2Ym2i6_Ixu9byseOGqhA0NCnXxdgdxL9ixk",
        "virtualenv/create/via_global_ref/builtin/rustpython/__init__.py": "sdSmv7HLChEk0t3zeY2qLLLBk05ZwrcgpDKHCm31iZo",
        "virtualenv/discovery/__init__.py": "47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU",
        "virtualenv/discovery/builtin.py": "cFcrNwcjUZDh-ifalXHvPEcvQM74uGqfdH26Ih0Ku_s",
        "virtualenv/discovery/cached_py_info.py": "cI4y20GqThj2YwCOqHLD9ErOut-0NziXPfRnNnl83mw",
        "virtualenv/discovery/discover.py": "cq-h9O6QsZ7XwZdqiBxPbyJrToRyMGonJL2hLAf7_TY",
        "virtualenv/discovery/py_info.py": "gXujovmD3V_aRbVbNzAtMRFE9PJ5ycLELRC0ti1lUyI",
        "virtualenv/discovery/py_spec.py": "qctmx7xg4qiQMGv-_QON8AkOdJDPoKuWh0VfPLPi2tc",
        "virtualenv/run/__init__.py": "EOHDyLCvTB2kb9hIw8PcOooeNn9IVVGAxnQ4tqoCRB0",
        "virtualenv/run/cli.py": "IqgzQs1lqSu146aGgAId3MxhMEwWvMviqWCKJ19qU_4",
        "virtualenv/run/parser.py": "SzO7kJ20NSfNwokgdfh9ZHjOiJcMo2bpNVT5gzJ7nmY",
        "virtualenv/run/session.py": "wgh_BCR45-_XJia36uZfXfPiShDoFEeTgmnayqg2hUQ",
        "virtualenv/run/plugin/__init__.py": "47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU",
        "virtualenv/run/plugin/activators.py": "IrOJEroDiL84AGrLUjATMXcPzhuLiWGM3ipxlqvvNc8",
        "virtualenv/run/plugin/base.py": "wt_1vsJzgdyB-SplTGlvcSkXMi6f40zvmhVuE5ga5o0",
        "virtualenv/run/plugin/creators.py": "4RjSglINpS252m_sm2i2u4Wsp8axDqfEAed14zBdICQ",
        "virtualenv/run/plugin/discovery.py": "NOsrlU9ShI3tWzMuAVnAipAgHpmWlAm_Xm_2N1d3UwY",
        "virtualenv/run/plugin/seeders.py": "th6hYbow8dpWZ0nef6kCG7GQhdzaJ765LFJ0VyDcvMk",
        "virtualenv/seed/__init__.py": "47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU",
        "virtualenv/seed/seeder.py": "GKlbicGk53kzkJTX3FDOjCsM2LTbsiUBefSGyz_2k8Q",
        "virtualenv/seed/embed/__init__.py": "47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU",
        "virtualenv/seed/embed/base_embed.py": "mpDR-4xgYkXkc0cSoqjyjBZHz803L3Nfyr58Bxcxwx0",
        "virtualenv/seed/embed/pip_invoke.py": "y7IeeaQesrCs3M2OYkeyaSgZnK0wufGIfspR-DnrBEo",
        "virtualenv/seed/embed/via_app_data/__init__.py": "47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU",
        "virtualenv/seed/embed/via_app_data/via_app_data.py": "j861YtsYvnY7dxSKFnnTuKK2Rbqs9NZFpknfzCWjOMs",
        "virtualenv/seed/embed/via_app_data/pip_install/__init__.py": "47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU",
        "virtualenv/seed/embed/via_app_data/pip_install/_safe_extract_zip.py": "1Ifj-jnq1g9s9cojrhxM9IF4M3hhSmxuvjtdL6uZ960",
        "virtualenv/seed/embed/via_app_data/pip_install/base.py": "mvJ1V77swIBm3LMfFXkCFjZkjTACm_Ypd26AnEDybcs",
        "virtualenv/seed/embed/via_app_data/pip_install/copy.py": "S7oEB4hJJf-jDtnq6P2jT5Z17NNGADkHGeleA2Q2wKY",
        "virtualenv/seed/embed/via_app_data/pip_install/symlink.py": "kCraA10ZyFL0RUkzoov_iTjzvhNZ4xeiqYkWz1Omob0",
        "virtualenv/seed/wheels/__init__.py": "kNg1c_RdnQuCToE9F88RaHQAeZTHogCuNYpB09DK3U0",
        "virtualenv/seed/wheels/acquire.py": "ZnGWupweVsFsKHD-02FJLFSpDsDyBoxZ2gCN7Y5gYks",
        "virtualenv/seed/wheels/bundle.py": "1UuI3WnLs4rcUHHabGdtdJ6vQ8tLXDZAaV7DUebtLg8",
        "virtualenv/seed/wheels/index.py": "MjHIC5PbNqOjYYzxm29HOKsD-MHXSfacU3KrNXRXI14",
        "virtualenv/seed/wheels/periodic_update.py": "L4aZ-JZvkucSNGzHcV-_kgYucv4OhReIeYpTs8BDSXc",
        "virtualenv/seed/wheels/util.py": "P8bn8dXQGdQC2IzXUDP3RYRhjzOhXZDh8251OqVaS14",
        "virtualenv/seed/wheels/embed/__init__.py": "JlabCdUQHLpLjFAyLHX4mrPaKxhdU8gGOPadRvHrFiY",
        "virtualenv/seed/wheels/embed/pip-26.0.1-py3-none-any.whl": "vbGwj0J0gz1iwaop4gkHNlos65UEEN8V_JUhutRAEis",
        "virtualenv/seed/wheels/embed/pip-26.3-py3-none-any.whl": "87YLIP-q3UQV7XlXISo4rGP6TF-jdb0PSnl3d5QPrRM",
        "virtualenv/seed/wheels/embed/setuptools-82.0.1-py3-none-any.whl": "pZ42JlLwjc1HfHi7bnvZ2Ap5lbxzzncwUCKKNIzi5bs",
        "virtualenv/seed/wheels/embed/setuptools-84.2.1-py3-none-any.whl": "yhQLRdUyWpR4-IDjUUhPYv7xXzNkYuRJygwDyHPVicI",
        "virtualenv/util/__init__.py": "WrfHdZIs03gaYuWLui7T5ndZZ6SoAhcCaNf0ZLhbqQ4",
        "virtualenv/util/error.py": "h2twFAb-NaEfONvEWMBATWkC8H3fpp9LlV8Rqxdx074",
        "virtualenv/util/home.py": "nbFhFpmfAzxMGE11OC9copBq8eAbx7CZ4cb30RXGqsA",
        "virtualenv/util/lock.py": "cjXI4FT6EUb9on_pVrhZsdnV18Ti4klzQ2Kt2doBCsA",
        "virtualenv/util/text.py": "2269n2pEuvd3ZDU3F7zIHtUqqBU2DkSHRI4qPkc_9U4",
        "virtualenv/util/zipapp.py": "7_MQ-i3Zj3ZZLks3AHREaJSORPK6A54kc-1_B31Jj_k",
        "virtualenv/util/path/__init__.py": "5cHqkoIulPMJ1zKSHi6XTx8paGMO74oW8vR_3RwTDGo",
        "virtualenv/util/path/_permission.py": "K2P_vGbolM9FIUHuNVNSBI2bQcWPZdZm-k4kAu2zjE8",
        "virtualenv/util/path/_sync.py": "EsmgxdarZIune3fSDwMblPRBnP7XzregWdRlFNW6MKc",
        "virtualenv/util/path/_win.py": "AdQpsYTPXUjs6rz3KjKxi17zTWgFUnvsHc4Yc7NavXE",
        "virtualenv/util/path/windows.py": "_9gx027aGzSHCXGmv0nS30Sseq79LOt_8hTicuCZjGA",
        "virtualenv/util/subprocess/__init__.py": "qlcDOoboG3mbTCKekVrxdFSP5vmr_fDAeGJyAUZr3zw",
        "virtualenv-21.15.11.dist-info/METADATA": "tcD2UKdPVG96YntJNAuR8hq_NXq48bdd5_AMtFeAnhU",
        "virtualenv-21.15.11.dist-info/WHEEL": "2iZrJkDIkeDh0k9SikKMqFuRP-ua6mb4Ir1AsER4BEw",
        "virtualenv-21.15.11.dist-info/entry_points.txt": "wu3d78v3jANr9nFsxv4PusWNYVdNgMsNsWuxsM1FQRs",
        "virtualenv-21.15.11.dist-info/licenses/LICENSE": "OO90CmQf8I3wgmgOmKsw0JutzO6eX7aGvOISEvOmY_A",
        "virtualenv-21.15.11.dist-info/licenses/THIRD-PARTY-NOTICES.md": "4RpgzvniN4esdDl2s7DVcYME-v3KxPKFaDSYlV8HBPQ",
        "virtualenv-21.15.11.dist-info/sboms/virtualenv.cdx.json": "iTBlNOzLQI7iMVGzyIv1vxNmsHVGbdyzTz3duFJKyns"
      },
      scripts: {
        virtualenv: "virtualenv.__main__:run_with_catch"
      }
    },
    "colorama-0.4.6.dist-info": {
      wheel: "colorama-0.4.6-py2.py3-none-any.whl",
      files: {
        "colorama/__init__.py": "wePQA4U20tKgYARySLEC047ucNX-g8pRLpYBuiHlLb8",
        "colorama/ansi.py": "Top4EeEuaQdBWdteKMEcGOTeKeF19Q-Wo_6_Cj5kOzQ",
        "colorama/ansitowin32.py": "vPNYa3OZbxjbuFyaVo0Tmhmy1FZ1lKMWCnT7odXpItk",
        "colorama/initialise.py": "-hIny86ClXo39ixh5iSCfUIa2f_h_bgKRDW7gqs-KLU",
        "colorama/win32.py": "YQOKwMTwtGBbsY4dL5HYTvwTeP9wIQra5MvPNddpxZs",
        "colorama/winterm.py": "XCQFDHjPi6AHYNdZwy0tA02H-Jh48Jp-HvCjeLeLp3U",
        "colorama/tests/__init__.py": "MkgPAEzGQd-Rq0w0PZXSX2LadRWhUECcisJY8lSrm4Q",
        "colorama/tests/ansi_test.py": "FeViDrUINIZcr505PAxvU4AjXz1asEiALs9GXMhwRaE",
        "colorama/tests/ansitowin32_test.py": "RN7AIhMJ5EqDsYaCjVo-o4u8JzDD4ukJbmevWKS70rY",
        "colorama/tests/initialise_test.py": "BbPy-XfyHwJ6zKozuQOvNvQZzsx9vdb_0bYXn7hsBTc",
        "colorama/tests/isatty_test.py": "Pg26LRpv0yQDB5Ac-sxgVXG7hsA1NYvapFgApZfYzZg",
        "colorama/tests/utils.py": "1IIRylG39z5-dzq09R_ngufxyPZxgldNbrxKxUGwGKE",
        "colorama/tests/winterm_test.py": "qoWFPEjym5gm2RuMwpf3pOis3a5r_PJZFCzK254JL8A",
        "colorama-0.4.6.dist-info/METADATA": "e67SnrUMOym9sz_4TjF3vxvAV4T3aF7NyqRHHH3YEMw",
        "colorama-0.4.6.dist-info/WHEEL": "cdcF4Fbd0FPtw2EMIOwH-3rSOTUdTCeOSXRMD1iLUb8",
        "colorama-0.4.6.dist-info/licenses/LICENSE.txt": "ysNcAmhuXQSlpxQL-zs25zrtSWZW6JEQLkKIhteTAxg"
      },
      scripts: {}
    },
    "filelock-4.1.0.dist-info": {
      wheel: "filelock-4.1.0-py3-none-any.whl",
      files: {
        "filelock/__init__.py": "DfUgFrzCaOgjgJuWO1aNF6PLbs5RcnUwuRIf70WaAWk",
        "filelock/_api.py": "KZCIHB7mdm76ZVMqJfqvF7ZCMLJFDC5MEOeRwYMGCR4",
        "filelock/_async.py": "9BTYL2J8l9L2cWrGvhuWyDVKOFyfp_iXs6A_vHEquSs",
        "filelock/_async_read_write.py": "X8v9OEv0DATIXL9VeFtj5snx2nZo-BRTbKLPD5XDhUg",
        "filelock/_descriptor.py": "koRZnLtd1lvNGnomhFAnC4AqGzbWDsVu7DGajznb11w",
        "filelock/_error.py": "GMk9hQ5NB9xCkr3pU-W-OiQjy8h5Fb-6qJI284v2bv0",
        "filelock/_identity.py": "ZBuikEKfIVmQ4-xAftAtU7HjDqtZQF076M7gLqQ_l3c",
        "filelock/_lease.py": "7_8tCC7Lfb0k0QTh-kV4DVyOWTC1udDqX-e9IGKQDtg",
        "filelock/_marker.py": "6md7_Sm6T39nnoF_1YDJwd8VKq7Z_kkIRstuDKF_YDc",
        "filelock/_read_write.py": "4YGVl9iHvqQGldqC6b-GyzgiuvcS3Am1VWEAUuc5PQY",
        "filelock/_soft.py": "uCkNzcUkj0c8rnLNv5my-n9y7eFuWlP8sSxizcXp_Qk",
        "filelock/_soft_protocol.py": "qEM2x9Nz9zguXwwWjZsCsPEfas5nqHlJ-_oHvAM0Uo4",
        "filelock/_strict.py": "KHmcCL_5a4ENyBBgHW8Ea4h14ZshmG1dyGF3pKAzFAM",
        "filelock/_unix.py": "up0MGaJuamEvwFRJLs49zmrng9PK47CRVhekAu0ncd8",
        "filelock/_util.py": "yDXSvI1tD9b3e1wdW02CM9Qd9oFEaIaPBAZBzMlUoy0",
        "filelock/_windows.py": "PLCLuLt3iuAEIZNWdM84e-KjjP9TXthHdCDY_pAI2jE",
        "filelock/asyncio.py": "NwOhWJocZ-3BRdPxol4c-iMb-k4ndZ-lLKLQaPiQR48",
        "filelock/py.typed": "47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU",
        "filelock/version.py": "x4V-U0aEhcIFC8jlKexeyU6rBupsEPIjNmPd31BgI7M",
        "filelock/_soft_rw/__init__.py": "lO1CP8juWdlhkgJunjVABazfYAl48nFL8SwlWgIEStk",
        "filelock/_soft_rw/_async.py": "qUJMfyIKs7qWSInogIpsWOxcAqs2zMOtnpkcmf_YZAk",
        "filelock/_soft_rw/_protocol.py": "oxmU4D8qdNT0p0HjxaP-sCoCOuQ0SIMy9PfQE89O0kw",
        "filelock/_soft_rw/_storage.py": "8NRDnfxKOfghb3cdkC10JARedOB6AzXHiXQNXPhyfRc",
        "filelock/_soft_rw/_sync.py": "4IhRh92rHQK7FFvoN99KzYLW8bn6fP1LaBX9N1ZMpYc",
        "filelock-4.1.0.dist-info/METADATA": "9JS_vUzgASh1m8D_Iee1ytd6Y5eQL1Ol0PQ5gpK2l58",
        "filelock-4.1.0.dist-info/WHEEL": "W3fkpkm7-wf9vBI5Z-7s0eWkeM-spu78I8Neb98DeEg",
        "filelock-4.1.0.dist-info/licenses/LICENSE": "YIyJ1QYK6ZIa3M8yNmlbxlSplG4SMj72wCHfoE4pTUg"
      },
      scripts: {}
    },
    "humanize-4.16.0.dist-info": {
      wheel: "humanize-4.16.0-py3-none-any.whl",
      files: {
        "humanize/__init__.py": "aVhrycui2-Dapj2fgu7Rb4URqdoczy4QRc1RdakCjkA",
        "humanize/_version.py": "tgnW5XIzWus6c09Zoa4w-xdT92-0cj7ZuWruxrOXSo4",
        "humanize/filesize.py": "s1rb8L94k_iL6y6zxokje4RGlETeEyakJUV5CwGRPsc",
        "humanize/i18n.py": "WUN70ilF1vkh271Ur7N7r_HVTXLZ-XY862P4CjJe2RE",
        "humanize/lists.py": "3vBglSLOmuxBPgpGYIp-r42LCKrWgkad6kr_XdRgF1Q",
        "humanize/number.py": "371ogRpi-o2CTaiq_8KIQJrgE1GFLsLTAYmeoaYnAwc",
        "humanize/py.typed": "47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU",
        "humanize/time.py": "k8g2SX2OMmdhilv_xIj5G4jhnw78jydYtddIt0p7sXM",
        "humanize/locale/ar/LC_MESSAGES/humanize.mo": "-aHEBlpWlgnhOIvXdsqF3_0Z2VGpHLN-JuOMKjJIiWg",
        "humanize/locale/ar/LC_MESSAGES/humanize.po": "PdBvwfftSvzGeobQca3T2ue7N1sXgRysOQnmmp76wz4",
        "humanize/locale/bn_BD/LC_MESSAGES/humanize.mo": "LUrDF4ZVZkYw1Heh6Y1QvDXVS0m8KyO6zMPlwsqFGhs",
        "humanize/locale/bn_BD/LC_MESSAGES/humanize.po": "ZyKh0iahFUuSbF1xpfsOtLqggK_NfAdU4R6pPyicAlE",
        "humanize/locale/ca_ES/LC_MESSAGES/humanize.mo": "veqJwGHEzymT-ott8nPopAm2SZ4wto3yJRzU8JGXIG8",
        "humanize/locale/ca_ES/LC_MESSAGES/humanize.po": "A4hVDpUEoImXUbmEMMjyk8W-P6xuwyZNAr-Zb0sVwaw",
        "humanize/locale/da_DK/LC_MESSAGES/humanize.mo": "MS04fnP0NwUPe55v2yM3DEQAWe7A5R8A8P5kiLRStDY",
        "humanize/locale/da_DK/LC_MESSAGES/humanize.po": "xS0gZXDJxP3NI329XpbpBHeY_HiwWB2oEeVu3wBqCw0",
        "humanize/locale/de_DE/LC_MESSAGES/humanize.mo": "vjS7oDPGDGrNNdr7Z5NcznpZnbpLY6KKrcjiFIA1epY",
        "humanize/locale/de_DE/LC_MESSAGES/humanize.po": "HIUjysys7zzNJTQdnyn9ag0gXYn9icxi9ytRdG7AEDM",
        "humanize/locale/el_GR/LC_MESSAGES/humanize.mo": "5TEIw0jhD39CTpUIc-4JBg6_U_NGBcsD9e_J0vR2J8s",
        "humanize/locale/el_GR/LC_MESSAGES/humanize.po": "gj-TkzEaSXa25NsSIaoXX4cBRmCZ-j2JOnIEZnhLPAc",
        "humanize/locale/eo/LC_MESSAGES/humanize.mo": "QiudCU8bTdewpjXZcx1nVfOMtgSflFW_VI2HMjf5bl8",
        "humanize/locale/eo/LC_MESSAGES/humanize.po": "UpnnPZHGbUQA-xHtDaushO3WndBtQtLF2J_1ySBYJjk",
        "humanize/locale/es_ES/LC_MESSAGES/humanize.mo": "5rSpU0gmfTmEPsNgNpOJZsWtrC9a5jcYeOD0iG0Q7GU",
        "humanize/locale/es_ES/LC_MESSAGES/humanize.po": "26znlODnAGrHzjRJoEU4RHyrMxMAL91F3wWTQHnxONM",
        "humanize/locale/eu/LC_MESSAGES/humanize.mo": "QbE_-2pncT26m_QDn1HP2mKDKq3OSz6NQq-NGaYTPhY",
        "humanize/locale/eu/LC_MESSAGES/humanize.po": "9VB8-lTfzj41q4EVRya1kR5lhmYkB503WqBhaytlhTk",
        "humanize/locale/fa_IR/LC_MESSAGES/humanize.mo": "42B1yDpYHdrnMVev01aEr_BaLlq-gMvh17CfjTM1HBI",
        "humanize/locale/fa_IR/LC_MESSAGES/humanize.po": "cK6dwRRicaGNFGFRP6LWu0Z6Sx6IcjW54jtkaBUgoJM",
        "humanize/locale/fi_FI/LC_MESSAGES/humanize.mo": "5lleMFhHuP2dkg01BewxrLcPWBE-W8CdCNWSme1E1kI",
        "humanize/locale/fi_FI/LC_MESSAGES/humanize.po": "RHRfvBDhBkuIQmQUPUc-bVaFD9b3DoDx2ixip0TKSD0",
        "humanize/locale/fr_FR/LC_MESSAGES/humanize.mo": "Z4SGmg5J5cCLxfEOo7s-EH2wSOBPbtHv3BVO6B3Uc4w",
        "humanize/locale/fr_FR/LC_MESSAGES/humanize.po": "N0VA8j2legiZ2-MFHYPM_DI3uc7UMyOZAL6ZhORTZV0",
        "humanize/locale/he_IL/LC_MESSAGES/humanize.mo": "uWyjbTR6aee_ByHfsdshQCOi6oWF8x3PUtoL6pemP4U",
        "humanize/locale/he_IL/LC_MESSAGES/humanize.po": "JJZwKddnhMQGb0t8rw6B5F6cUGj55Mqbj9Hsq7_h0bA",
        "humanize/locale/hu_HU/LC_MESSAGES/humanize.mo": "NyDNyv_oiGfw-S1wNji1CIcJOrU3o0rpkhyTBy4aVZQ",
        "humanize/locale/hu_HU/LC_MESSAGES/humanize.po": "deX1icCsNCRTHv7n36eKmFM2MKp3Jzzif3X06ypRi1g",
        "humanize/locale/id_ID/LC_MESSAGES/humanize.mo": "6kl6Wh4ROJODFTkIbhV6UQ2JKT1inQn9lDxUeEepUTw",
        "humanize/locale/id_ID/LC_MESSAGES/humanize.po": "kmOOMkkDALQNHAc9qUW1v_K_XoPsWXpbyvzX23JwCPY",
        "humanize/locale/it_IT/LC_MESSAGES/humanize.mo": "22Ef6Z-FcbcrN5I8bVVNxHiix6-rvXYiU-iNbYwfxCw",
        "humanize/locale/it_IT/LC_MESSAGES/humanize.po": "LdqSpE5JMaNiEiDShNBmeW9X1GqaETRp-LG9rH2wX5Q",
        "humanize/locale/ja_JP/LC_MESSAGES/humanize.mo": "QaWCy6xeudjHEhJZmrStFghg-Lax9KC55JbhiG8AFE8",
        "humanize/locale/ja_JP/LC_MESSAGES/humanize.po": "nIwxUswG2rbw_gCObxHoYb2RlV-DPhevdhDKGCbkKoU",
        "humanize/locale/ko_KR/LC_MESSAGES/humanize.mo": "yDaJCpAY79DonnPJQcx0E8nqjuHJvmlv523Zgw-pjpg",
        "humanize/locale/ko_KR/LC_MESSAGES/humanize.po": "xZXalYw9Fm6Fn38x1rZEHUFQem8HRMX46Xszce3CaZI",
        "humanize/locale/lv/LC_MESSAGES/humanize.mo": "S74dVx2PjPJSdiYrpTHX0y8hB5vJMAYkFHvdvS42DR4",
        "humanize/locale/lv/LC_MESSAGES/humanize.po": "-_rp0e02xqdax1PGsJ7VGQlrWqpniQ2uK6Y59KGHW0I",
        "humanize/locale/nb/LC_MESSAGES/humanize.mo": "PD9dlULsr6X8Gw3CCICCfMk-W2YWNyHhfCFk8diJP4k",
        "humanize/locale/nb/LC_MESSAGES/humanize.po": "HZg97E-53Yr1Kj0T3CdSXgl1xEHm-1O_Nhwo3DsvecI",
        "humanize/locale/nl_NL/LC_MESSAGES/humanize.mo": "pUzwmGiXcgEgepNqS4KrRLbJnCG2uNdZdfzCu_HFSJw",
        "humanize/locale/nl_NL/LC_MESSAGES/humanize.po": "Z5ZZQ_dz6GgM5XExjau12YzLzWj3g0eQGMBL60vGG20",
        "humanize/locale/pl_PL/LC_MESSAGES/humanize.mo": "TaNbuHF10C4JjLFTS9qIFJqdLAt1g_jLPzfPTJXoTKI",
        "humanize/locale/pl_PL/LC_MESSAGES/humanize.po": "FHSM2vxyr7-in-O4BQ0XgJ0Pdzg61EXGutyyRc1P9QI",
        "humanize/locale/pt_BR/LC_MESSAGES/humanize.mo": "TOo5-USJuHa7faNF82eUcrKbFy75iC1t9KNnNYWee3E",
        "humanize/locale/pt_BR/LC_MESSAGES/humanize.po": "qcupezKKHUWpSEKmRQ5humbJif6PL0JOnjQyeRCOSVE",
        "humanize/locale/pt_PT/LC_MESSAGES/humanize.mo": "AFoTysVc89o2EMopIngkO7vdvYmQE5BmczaWN1sjQI0",
        "humanize/locale/pt_PT/LC_MESSAGES/humanize.po": "i2p5MTjqcV5LM88R-akfN94G7cPDpND6u73NHkpX8SQ",
        "humanize/locale/ru_RU/LC_MESSAGES/humanize.mo": "i-go1a1XjSR-PpWHBlpOst7DhoY-XlLTDP-paFJ68yY",
        "humanize/locale/ru_RU/LC_MESSAGES/humanize.po": "SnvkM-3IyS6cfj3bg-Oy42SrTA36XxG8djhuhu0zwxE",
        "humanize/locale/sk_SK/LC_MESSAGES/humanize.mo": "0_mdWYPZhFsPpx5hWEUweV5_MCuIgXJIhE0gBI7qw1Y",
        "humanize/locale/sk_SK/LC_MESSAGES/humanize.po": "FctCrO9wiKmZG8UWoq3VGSrAf9fPeLrAVdixvoxejds",
        "humanize/locale/sl_SI/LC_MESSAGES/humanize.mo": "scf8JQb2OCHRuZLDjaaX4Sta1E1p7ff4XGqXE5GuJP8",
        "humanize/locale/sl_SI/LC_MESSAGES/humanize.po": "iSsMDQJe6lBZvsoT1H_in6aNgrdkngRVHJHUvL-v2z0",
        "humanize/locale/sv_SE/LC_MESSAGES/humanize.mo": "Kc9KozjWca9D3PEX5Ao6tNvote5iaHGbjqWAm4_hQHs",
        "humanize/locale/sv_SE/LC_MESSAGES/humanize.po": "elUV6pcN9exHEXV4yaKGUZ1NXpVAMY8xEQCLri1flPg",
        "humanize/locale/tlh/LC_MESSAGES/humanize.mo": "wZ5uePT1Rb5xKDPU0MNwWSbLu6PqCxbLwFH5c74ye_E",
        "humanize/locale/tlh/LC_MESSAGES/humanize.po": "MNKPaMahkZnisxVapCFS4lSL4BGbPRD0EDpFm4tO6UU",
        "humanize/locale/tr_TR/LC_MESSAGES/humanize.mo": "mVyn5lJkS6GVZgJL7cglSDknfa3AM8hg7Uju0pIARZY",
        "humanize/locale/tr_TR/LC_MESSAGES/humanize.po": "jtV7qjveteRvpxmST_FMCuVfbMg_uEr5ilJkeD0zzCA",
        "humanize/locale/uk_UA/LC_MESSAGES/humanize.mo": "1Dgq35RkIlF_fUFvV9kayXEZZoD7ceRsViCweUsrZSM",
        "humanize/locale/uk_UA/LC_MESSAGES/humanize.po": "WQ-9W3ipySDoIGtYghIHJG4EjonfWMklBtfqMiInuog",
        "humanize/locale/uz/LC_MESSAGES/humanize.mo": "MWjb8_EhPDsJUPLGl2avkC2ifP119SmJ2H5iGP7ipaQ",
        "humanize/locale/uz/LC_MESSAGES/humanize.po": "RCmFagdobCOANX72Jyup8UDgNu6zXbYZOX2cwxX3ZT0",
        "humanize/locale/vi_VN/LC_MESSAGES/humanize.mo": "qN3hRa5kdPw49HwB4W8aonaiuUDrjyj-CbLswcEUbFQ",
        "humanize/locale/vi_VN/LC_MESSAGES/humanize.po": "i1KLFBZG_pi_8p6X_4vRzk5LG0wPGB_91ELr3Y3lkfw",
        "humanize/locale/zh_CN/LC_MESSAGES/humanize.mo": "_m1AucUNQhGvlREWbIcGILLGrO5E6ib76GvyQaUwTdQ",
        "humanize/locale/zh_CN/LC_MESSAGES/humanize.po": "4Mc_IJ-l1f8clZLSQByrbfVQYrs8iGaT6_3GSIGo4HY",
        "humanize/locale/zh_HK/LC_MESSAGES/humanize.mo": "ebOHit8EH6n0gd6H70MjQNhe_ojz9S1z0PgN2ZVI0fM",
        "humanize/locale/zh_HK/LC_MESSAGES/humanize.po": "i9pU7fNa-omsQprUoO9Lz81pItM6Azcl5mjn-nUdyJ8",
        "humanize-4.16.0.dist-info/METADATA": "K3bY_O4q81Pt-tqe4xnkt2pNKA2Zv7BPD5tr9rpkqpA",
        "humanize-4.16.0.dist-info/WHEEL": "mffPy8wBnZQn2VnJUU5jE99KsxaSfiyMHV9Yt0aLVxs",
        "humanize-4.16.0.dist-info/licenses/LICENCE": "i6bBgRKkMUAK08dD9wZwB5swJUXZiIT8LyipHDg6A4A"
      },
      scripts: {}
    },
    "platformdirs-4.12.4.dist-info": {
      wheel: "platformdirs-4.12.4-py3-none-any.whl",
      files: {
        "platformdirs/__init__.py": "PSSaKwSVZnqUbTqKnZAVhG5pMW3MEnz1mmBjdF5ms_E",
        "platformdirs/__main__.py": "7hrdB81rA1EiC3kYALnCzC_8TFtX83B2Y_TrakaNHa8",
        "platformdirs/_xdg.py": "eP8jMaiU4Vi-LCKGDWhruLke3qfZR79dkjT7MZKm8Cc",
        "platformdirs/android.py": "WIMLi_rFB48Xd-ndUeOJghj52aJ-rrW0aaxvi-ZtSSs",
        "platformdirs/api.py": "X1t6g0pDt9hIqrqW9Aby_k80TuYjM_cKXXrcQ3-EGSQ",
        "platformdirs/ios.py": "tQwi-C5sKriVzQJs0RcY0Rv66NpLqxdO1elSTKfW1mE",
        "platformdirs/macos.py": "690_IOOE1ogm5P23ddVieuCEP8FhTeQlJ_7qn_LEtQ0",
        "platformdirs/py.typed": "47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU",
        "platformdirs/pytest_plugin.py": "kJZyxhkXsyhMwMQ2mjqNKEBJeCw_sm7L4Fi7KkLGjiw",
        "platformdirs/testing.py": "x2HJsH5r47mMjl7_rO9iR3hU84xQxuOowC5PwFVTDcc",
        "platformdirs/unix.py": "hgycD20uAJxGxlgfomX0MmHP1Sybv9bv_xS1Z5yaaF4",
        "platformdirs/version.py": "9HPOt-n5ewisM0wIxMNzj27BBUj57R1IRupt-BOhtTQ",
        "platformdirs/windows.py": "MVfhjl2eFYlGPK8A1nO757yQHe6lX75VSDcAk4fr8N4",
        "platformdirs-4.12.4.dist-info/METADATA": "JBi3Fa8tGcmdYuv3IcLgIHXyBHmsnAVXoG4Rn9vhSj8",
        "platformdirs-4.12.4.dist-info/WHEEL": "W3fkpkm7-wf9vBI5Z-7s0eWkeM-spu78I8Neb98DeEg",
        "platformdirs-4.12.4.dist-info/entry_points.txt": "8M390j4HpK5sK4JWAzAIkKeL62cOg-IKBY8pu6uq6mU",
        "platformdirs-4.12.4.dist-info/licenses/LICENSE": "KeD9YukphQ6G6yjD_czwzv30-pSHkBHP-z0NS-1tTbY"
      },
      scripts: {}
    },
    "tomli-2.5.0.dist-info": {
      wheel: "tomli-2.5.0-py3-none-any.whl",
      files: {
        "tomli/__init__.py": "cYKSeyUWYLfWSe7Hng3K8DpZlzeTQAmQppPZ9vi3Pso",
        "tomli/_parser.py": "PngvG8hWOezvYwrmht89hJ8r7dLpyYfY9RCaWhVN8TE",
        "tomli/_re.py": "oSNZ_ilFI6chEuQ01YRSoUydBQr_okF_mSdHTkFmv90",
        "tomli/_types.py": "-GTG2VUqkpxwMqzmVO4F7ybKddIbAnuAHXfmWQcTi3Q",
        "tomli/py.typed": "8PjyZ1aVoQpRVvt71muvuq5qE-jTFZkK-GLHkhdebmc",
        "tomli-2.5.0.dist-info/licenses/LICENSE": "uAgWsNUwuKzLTCIReDeQmEpuO2GSLCte6S8zcqsnQv4",
        "tomli-2.5.0.dist-info/WHEEL": "lqN8jXt_QloFOGcx9kStvWbryhfEXoI2F2z-YURm350",
        "tomli-2.5.0.dist-info/METADATA": "kYmbAVgkPYWcpmqHXWk7yYwtl5pShUtw0e4GmfIrXXY"
      },
      scripts: {}
    },
    "typing_extensions-4.16.0.dist-info": {
      wheel: "typing_extensions-4.16.0-py3-none-any.whl",
      files: {
        "typing_extensions.py": "QEDKGh7L7gDROFwSqTCE0cW9RvC3dPB-WufpHE9V5pY",
        "typing_extensions-4.16.0.dist-info/licenses/LICENSE": "Oy-B_iHRgcSZxZolbI4ZaEVdZonSaaqFNzv7avQdo78",
        "typing_extensions-4.16.0.dist-info/WHEEL": "G2gURzTEtmeR8nrdXUJfNiB3VYVxigPQ-bEQujpNiNs",
        "typing_extensions-4.16.0.dist-info/METADATA": "sFCEyh1Qh5hlF42f_5-r6rYb37HzYb-96VQh_8j5vkY"
      },
      scripts: {}
    }
  }
};

// packages/tools/src/nox-check.ts
var MANIFEST = nox_manifest_default;
var INSTALLER_FILES = /* @__PURE__ */ new Set(["INSTALLER", "REQUESTED", "RECORD", "direct_url.json", "uv_cache.json"]);
async function recordDigest(file) {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk);
  return hash.digest("base64url");
}
__name(recordDigest, "recordDigest");
async function kind(file) {
  const stats = await lstat(file).catch(() => void 0);
  if (!stats) return "nothing";
  if (stats.isSymbolicLink()) return "symlink";
  if (stats.isDirectory()) return "dir";
  if (stats.isFile()) return (stats.mode & 3072) !== 0 ? "setuid file" : "file";
  return "special file";
}
__name(kind, "kind");
var normalizeActivate = /* @__PURE__ */ __name((text) => text.replace(/^setenv VIRTUAL_ENV '.*'$/m, "setenv VIRTUAL_ENV '<venv>'").replace(/^(\s*let virtual_env = )'.*'$/m, "$1'<venv>'"), "normalizeActivate");
async function sameAs(entryFile, refFile, rel) {
  const [got, want] = [await kind(entryFile), await kind(refFile)];
  if (got !== want)
    return `${rel} is ${got === "dir" ? "a folder" : `a ${got}`}, uv makes ${want === "dir" ? "a folder" : `a ${want}`}`;
  if (got === "symlink") {
    const [a2, b2] = [await readlink(entryFile), await readlink(refFile)];
    return a2 === b2 ? void 0 : `${rel} links to ${a2}, uv makes it link to ${b2}`;
  }
  if (got !== "file") return void 0;
  const [a, b] = [await readFile(entryFile, "utf8"), await readFile(refFile, "utf8")];
  const norm = rel.startsWith("bin/activate") ? normalizeActivate : (text) => text;
  return norm(a) === norm(b) ? void 0 : `${rel} is not what uv writes`;
}
__name(sameAs, "sameAs");
function wheelTags(wheel) {
  const [py = "", abi = "", plat = ""] = wheel.replace(/\.whl$/, "").split("-").slice(-3);
  const out = /* @__PURE__ */ new Set();
  for (const a of py.split("."))
    for (const b of abi.split(".")) for (const c of plat.split(".")) out.add(`${a}-${b}-${c}`);
  return out;
}
__name(wheelTags, "wheelTags");
async function checkNoxVenv(opts) {
  if (opts.version !== MANIFEST.nox)
    return {
      kind: "stale",
      text: `is nox ${opts.version}, which toolchain.json does not lock: nothing to check it against`
    };
  const work = await mkdtemp(path.join(opts.tempDir, "ci-kit-nox-ref-"));
  try {
    const ref = path.join(work, "venv");
    const [version, made, digests] = await Promise.all([
      opts.run(opts.uv, ["--version"], { silent: true }).catch(() => void 0),
      opts.run(opts.uv, ["venv", "--quiet", "--relocatable", "--no-project", "--python", opts.python, ref], {
        silent: true,
        env: { UV_NO_CONFIG: "1", UV_PYTHON_DOWNLOADS: "never", UV_CACHE_DIR: path.join(work, "cache") }
      }),
      hashFiles(path.join(opts.dir, "lib"))
    ]);
    const uvVersion = version?.stdout.trim().split(/\s+/)[1];
    if (uvVersion !== MANIFEST.uv)
      return {
        kind: "stale",
        text: `cannot be checked with uv ${uvVersion ?? "(unknown)"} (scripts known for uv ${MANIFEST.uv})`
      };
    if (made.exitCode !== 0)
      return { kind: "stale", text: `cannot be checked (uv venv failed: ${made.stderr.trim()})` };
    return await compare(opts.dir, ref, digests);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
__name(checkNoxVenv, "checkNoxVenv");
async function hashFiles(dir) {
  const digests = /* @__PURE__ */ new Map();
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath ?? entry.path, entry.name);
    const digest = await recordDigest(full).catch(() => void 0);
    if (digest) digests.set(full, digest);
  }
  return digests;
}
__name(hashFiles, "hashFiles");
async function compare(dir, ref, digests) {
  const tampered = /* @__PURE__ */ __name((text) => ({ kind: "tampered", text }), "tampered");
  const refTop = new Set(await readdir(ref));
  for (const name of await readdir(dir)) {
    if (name === ".lock" && await kind(path.join(dir, name)) === "file" && (await lstat(path.join(dir, name))).size === 0)
      continue;
    if (!refTop.has(name)) return tampered(`holds ${name}, which uv does not make`);
    if (name === "bin" || name === "lib") continue;
    const problem = await sameAs(path.join(dir, name), path.join(ref, name), name);
    if (problem) return tampered(problem);
  }
  for (const name of ["bin", "lib"])
    if (await kind(path.join(dir, name)) !== "dir") return tampered(`has no ${name} folder`);
  const [pyDir] = await readdir(path.join(ref, "lib"));
  const libNames = await readdir(path.join(dir, "lib"));
  if (libNames.length !== 1 || libNames[0] !== pyDir)
    return tampered(`lib holds ${libNames.join(", ")}, uv makes lib/${pyDir}`);
  const pyNames = await readdir(path.join(dir, "lib", pyDir));
  if (pyNames.length !== 1 || pyNames[0] !== "site-packages")
    return tampered(`lib/${pyDir} holds ${pyNames.join(", ")}`);
  const site = path.join(dir, "lib", pyDir, "site-packages");
  const refSite = path.join(ref, "lib", pyDir, "site-packages");
  if (await kind(site) !== "dir") return tampered(`lib/${pyDir}/site-packages is not a folder`);
  const topSite = await readdir(site);
  const infos = topSite.filter((name) => name.endsWith(".dist-info"));
  const expected = /* @__PURE__ */ new Map();
  const scripts = /* @__PURE__ */ new Map();
  for (const info of infos) {
    const dist = MANIFEST.dists[info];
    if (!dist) return tampered(`holds ${info}, which the pinned lock does not`);
    const wheelFile = await readFile(path.join(site, info, "WHEEL"), "utf8").catch(() => "");
    const tags = [...wheelFile.matchAll(/^Tag: (\S+)$/gm)].map((m) => m[1]);
    if (tags.length === 0 || !tags.every((tag) => wheelTags(dist.wheel).has(tag)))
      return {
        kind: "stale",
        text: `holds ${info} from a ${tags.join(".") || "unknown"} wheel, which nox-manifest.json does not describe`
      };
    for (const [file, digest] of Object.entries(dist.files)) expected.set(file, digest);
    for (const [name, target] of Object.entries(dist.scripts)) scripts.set(name, target);
  }
  if (!infos.includes(`nox-${MANIFEST.nox}.dist-info`))
    return tampered(`has no nox-${MANIFEST.nox}.dist-info`);
  const entries = await readdir(site, { recursive: true, withFileTypes: true });
  const caches = entries.filter((e) => e.isDirectory() && e.name === "__pycache__");
  for (const cache of caches) {
    const full = path.join(cache.parentPath ?? cache.path, cache.name);
    const aside = `${full}.trash-${randomBytes(4).toString("hex")}`;
    if (await rename(full, aside).then(
      () => true,
      () => false
    ))
      await rm(aside, { recursive: true, force: true });
  }
  const seen = /* @__PURE__ */ new Set();
  for (const entry of await readdir(site, { recursive: true, withFileTypes: true })) {
    const full = path.join(entry.parentPath ?? entry.path, entry.name);
    const rel = path.relative(site, full).split(path.sep).join("/");
    if (entry.isDirectory()) continue;
    const shown = `site-packages/${rel}`;
    if (rel === "_virtualenv.pth" || rel === "_virtualenv.py") {
      const problem = await sameAs(full, path.join(refSite, rel), shown);
      if (problem) return tampered(problem);
      continue;
    }
    const [top, leaf] = rel.split("/");
    if (top && infos.includes(top) && leaf && rel === `${top}/${leaf}` && INSTALLER_FILES.has(leaf) && !expected.has(rel)) {
      if (await kind(full) !== "file") return tampered(`${shown} is not a file`);
      continue;
    }
    const want = expected.get(rel);
    if (!want) return tampered(`holds ${shown}, which neither the pinned wheels nor uv's venv hold`);
    const got = await kind(full);
    if (got !== "file") return tampered(`${shown} is a ${got}, the pinned wheel holds a file`);
    const digest = digests.get(full) ?? await recordDigest(full);
    if (digest !== want) return tampered(`${shown} has sha256 ${digest}, the pinned wheel's is ${want}`);
    seen.add(rel);
  }
  for (const rel of expected.keys())
    if (!seen.has(rel)) return tampered(`has no site-packages/${rel}, which the pinned wheel holds`);
  const refBin = new Set(await readdir(path.join(ref, "bin")));
  for (const name of await readdir(path.join(dir, "bin"))) {
    const full = path.join(dir, "bin", name);
    if (refBin.has(name)) {
      const problem = await sameAs(full, path.join(ref, "bin", name), `bin/${name}`);
      if (problem) return tampered(problem);
      continue;
    }
    const target = scripts.get(name);
    if (!target) return tampered(`holds bin/${name}, which no pinned wheel names as a script`);
    if (await kind(full) !== "file") return tampered(`bin/${name} is not a file`);
    const [module, attr = ""] = target.split(":");
    const head = attr.split(".")[0];
    const script = MANIFEST.scriptTemplate.replace("{module}", module).replace("{name}", head).replace("{call}", attr);
    if (await readFile(full, "utf8") !== script)
      return tampered(`bin/${name} is not the script uv writes for ${target}`);
  }
  return void 0;
}
__name(compare, "compare");

// packages/tools/src/nox.ts
var IDENTIFY = 'import os,sys;print(sys.implementation.name+"%d.%d"%sys.version_info[:2]);print(os.path.realpath(sys.executable))';
async function installNox(opts) {
  const python = await identify(opts);
  const entry = {
    tool: "nox",
    version: opts.version,
    slot: entrySlot(
      opts.platform,
      python.tag,
      createHash2("sha256").update(python.path).digest("hex").slice(0, 8)
    )
  };
  const check = /* @__PURE__ */ __name((dir2) => checkNoxVenv({
    dir: dir2,
    version: opts.version,
    uv: opts.uv,
    python: python.path,
    tempDir: opts.tempDir,
    run: opts.run
  }), "check");
  const runs = /* @__PURE__ */ __name(async (dir2) => await noxVersionAt(path2.join(dir2, "bin"), opts.run) === opts.version, "runs");
  const works = /* @__PURE__ */ __name(async (dir2) => await check(dir2) === void 0 && await runs(dir2), "works");
  const cached = findInToolCache(opts.toolCacheRoot, entry);
  if (cached) {
    const verdict = await check(cached);
    if (!verdict && await runs(cached)) return { binPath: path2.join(cached, "bin"), source: "tool-cache" };
    if (verdict?.kind === "tampered")
      opts.log.warning(
        `tool cache entry ${cached} is not the pinned nox ${opts.version}: ${verdict.text}; not used, replaced by a fresh verified install`
      );
    else if (verdict)
      opts.log.info(`tool cache entry ${cached} ${verdict.text}: reinstalling (the entry is replaced)`);
    else
      opts.log.info(`nox in the tool cache at ${cached} does not run as ${opts.version} here: replacing it`);
  }
  const dir = await installIntoToolCache(
    opts.toolCacheRoot,
    entry,
    async (staging) => {
      await buildVenv(opts, python, staging);
      const reported = await noxVersionAt(path2.join(staging, "bin"), opts.run);
      if (reported !== opts.version) {
        throw new Error(`nox ${opts.version} was installed but reports ${reported ?? "no version"}`);
      }
    },
    works
  );
  return { binPath: path2.join(dir, "bin"), source: "uv-tool" };
}
__name(installNox, "installNox");
async function identify(opts) {
  const probe = await opts.run(opts.python, ["-c", IDENTIFY], { silent: true }).catch(() => void 0);
  const [tag, real] = (probe?.exitCode === 0 ? probe.stdout : "").trim().split("\n");
  if (!tag || !real) {
    throw new Error(
      `nox needs a Python to run on, and ${opts.python} did not run (${probe?.stderr.trim() || "not found"})`
    );
  }
  return { tag, path: real.trim() };
}
__name(identify, "identify");
async function buildVenv(opts, python, venv) {
  const env = { ...opts.env, UV_NO_PROGRESS: "1", UV_NO_CONFIG: "1", UV_PYTHON_DOWNLOADS: "never" };
  await retryCommand(
    opts.run,
    opts.uv,
    ["venv", "--quiet", "--relocatable", "--no-project", "--allow-existing", "--python", python.path, venv],
    { attempts: 1, log: opts.log, what: `uv venv for nox (${python.tag})`, env }
  );
  const lock = TOOLCHAIN.nox.version === opts.version ? TOOLCHAIN.nox.requirements : void 0;
  const work = await mkdtemp2(path2.join(opts.tempDir, "ci-kit-nox-"));
  try {
    const args = ["pip", "install", "--quiet", "--python", path2.join(venv, "bin", "python")];
    if (lock) {
      const file = path2.join(work, "nox-requirements.txt");
      await writeFile(file, `${lock.join("\n")}
`);
      args.push("--require-hashes", "-r", file);
    } else {
      opts.log.info(
        `nox ${opts.version} is not the version toolchain.json locks (${TOOLCHAIN.nox.version}): installed from the package index without hash checking`
      );
      args.push(`nox==${opts.version}`);
    }
    await retryCommand(opts.run, opts.uv, args, {
      attempts: opts.attempts,
      log: opts.log,
      what: `uv pip install nox==${opts.version}`,
      env,
      retriesItself: "uv"
    });
  } finally {
    await rm2(work, { recursive: true, force: true });
  }
}
__name(buildVenv, "buildVenv");
async function noxVersionAt(binPath, run) {
  const nox = path2.join(binPath, "nox");
  if (!existsSync(nox)) return void 0;
  const probe = await run(nox, ["--version"], { silent: true }).catch(() => void 0);
  return probe && probe.exitCode === 0 ? parseNoxVersion(probe.stdout + probe.stderr) : void 0;
}
__name(noxVersionAt, "noxVersionAt");

export {
  installNox
};
